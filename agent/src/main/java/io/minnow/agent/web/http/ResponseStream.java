package io.minnow.agent.web.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Writes a response body piece by piece from any thread without blocking it: pieces queue up and are written
 * one asynchronous write at a time, so an inference worker hands over text and goes on generating even when
 * the client reads slowly. The queue is bounded by the caller (a generation's text, or a dashboard stream
 * that is dropped once {@link #pendingBytes()} grows). When a write fails (the client went away),
 * {@code onGone} runs once and later pieces are dropped. Thread-safe.
 */
public final class ResponseStream {
    private final Response response;
    private final Callback done;
    private final Runnable onGone;
    private final List<ByteBuffer> queue = new ArrayList<>();
    private long pending;
    private boolean writing;
    private boolean ending;
    private boolean finished;

    /**
     * @param done the handler's callback, completed when the last piece is written or a write failed
     * @param onGone runs (on a Jetty thread) when the client cannot be written to any more
     */
    public ResponseStream(Response response, Callback done, Runnable onGone) {
        this.response = response;
        this.done = done;
        this.onGone = onGone;
    }

    /** Queues {@code text}; false if the stream already ended or failed. */
    public boolean write(String text) {
        return enqueue(text, false);
    }

    /** Queues {@code text} as the last piece and ends the response after it. */
    public boolean end(String text) {
        return enqueue(text, true);
    }

    /** Bytes queued but not yet handed to Jetty. */
    public synchronized long pendingBytes() {
        return pending;
    }

    public synchronized boolean isOpen() {
        return !finished && !ending;
    }

    /** Ends the response at once as failed (e.g. a subscriber that reads too slowly). */
    public void abort(Throwable cause) {
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            queue.clear();
        }
        done.failed(cause);
    }

    private boolean enqueue(String text, boolean last) {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            if (finished || ending) {
                return false;
            }
            queue.add(b);
            pending += b.remaining();
            ending = last;
            if (writing) {
                return true;
            }
            writing = true;
        }
        writeNext();
        return true;
    }

    private void writeNext() {
        ByteBuffer chunk;
        boolean last;
        synchronized (this) {
            if (finished || queue.isEmpty()) {
                writing = false;
                return;
            }
            chunk = ByteBuffer.allocate((int) pending);
            queue.forEach(chunk::put);
            chunk.flip();
            queue.clear();
            pending = 0;
            last = ending;
        }
        response.write(last, chunk, new Callback() {
            @Override
            public void succeeded() {
                if (last) {
                    synchronized (ResponseStream.this) {
                        finished = true;
                    }
                    done.succeeded();
                } else {
                    writeNext();
                }
            }

            @Override
            public void failed(Throwable x) {
                synchronized (ResponseStream.this) {
                    if (finished) {
                        return;
                    }
                    finished = true;
                    queue.clear();
                }
                onGone.run();
                done.failed(x);
            }
        });
    }
}
