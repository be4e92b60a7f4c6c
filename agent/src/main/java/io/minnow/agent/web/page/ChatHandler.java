package io.minnow.agent.web.page;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.agent.web.generate.GenerationJob;
import io.minnow.agent.web.generate.GenerationListener;
import io.minnow.agent.web.generate.Generations;
import io.minnow.agent.web.http.Bodies;
import io.minnow.agent.web.http.Json;
import io.minnow.agent.web.http.OnceCallback;
import io.minnow.agent.web.http.ResponseStream;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.Generator;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /api/chat}: the page's chat. The generation is queued like any other (per-board priority) and
 * its answer streams back as Server-Sent Events: {@code start} (with the id that {@code POST /api/chat/stop}
 * takes), {@code running} when a worker takes it, {@code token} per piece of text, then {@code done} with time
 * to first token and tokens/s, or {@code error} (also for a refusal: {@code busy}, {@code model_unavailable}).
 * Stopping, or closing the page, cancels the generation itself. Thread-safe.
 */
public final class ChatHandler extends Handler.Abstract {
    private final Generations generations;
    private final int maxBodyBytes;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, GenerationJob> running = new ConcurrentHashMap<>();

    public ChatHandler(Generations generations, int maxBodyBytes) {
        this.generations = generations;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Stops the chat {@code id}; false if no such chat is running. */
    public boolean stop(String id) {
        GenerationJob job = running.get(id);
        if (job == null) {
            return false;
        }
        job.abandon();
        return true;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        OnceCallback done = new OnceCallback(callback);
        if (!HttpMethod.POST.is(request.getMethod())) {
            Json.error(response, done, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST");
            return true;
        }
        Bodies.readObject(request, maxBodyBytes, body -> {
            Optional<Generator> generator = generations.generator();
            if (generator.isEmpty()) {
                Json.error(response, done, HttpStatus.SERVICE_UNAVAILABLE_503, generations.unavailableReason());
                return;
            }
            PageChatRequest chat;
            try {
                chat = PageChatRequest.parse(body, generator.get());
            } catch (IllegalArgumentException e) {
                Json.error(response, done, HttpStatus.BAD_REQUEST_400, e.getMessage());
                return;
            }
            byte[] b = new byte[9];
            random.nextBytes(b);
            String id = HexFormat.of().formatHex(b);
            Stream stream = new Stream(id, new ResponseStream(response, done, () -> stop(id)));
            // Headers and the start event before submitting: a worker may write the next event at once.
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            stream.event("start", Json.object().put("id", id));
            Generations.Outcome outcome = generations.submit("page", true, chat.input(), chat.sampling(), stream);
            if (outcome instanceof Generations.Outcome.NotQueued n) {
                stream.failed(n.refused().code(), n.refused().message());
                return;
            }
            running.put(id, ((Generations.Outcome.Queued) outcome).job());
            if (stream.ended) {
                running.remove(id); // it ended before it was listed: finished() found nothing to remove
            }
            request.addFailureListener(failure -> {
                stop(id);
                done.failed(failure);
            });
        }, (status, message) -> Json.error(response, done, status, message));
        return true;
    }

    /** One chat's event stream; called on the inference worker. */
    private final class Stream implements GenerationListener {
        private final String id;
        private final ResponseStream out;
        private volatile boolean ended;

        Stream(String id, ResponseStream out) {
            this.id = id;
            this.out = out;
        }

        void event(String name, ObjectNode data) {
            out.write("event: " + name + "\ndata: " + Json.text(data) + "\n\n");
        }

        @Override
        public void started() {
            event("running", Json.object());
        }

        @Override
        public void text(String delta) {
            event("token", Json.object().put("text", delta));
        }

        @Override
        public void finished(GenerationResult r, long ttftNanos, long totalNanos) {
            ended = true;
            running.remove(id);
            long compute = r.prefillNanos() + r.decodeNanos();
            ObjectNode d = Json.object().put("finish_reason", r.finishReason().wireName())
                    .put("prompt_tokens", r.promptTokens()).put("completion_tokens", r.completionTokens())
                    .put("ttft_ms", TimeUnit.NANOSECONDS.toMicros(ttftNanos) / 1000.0)
                    .put("total_ms", TimeUnit.NANOSECONDS.toMicros(totalNanos) / 1000.0)
                    .put("tokens_per_second", compute > 0 ? r.completionTokens() * 1e9 / compute : 0);
            out.end("event: done\ndata: " + Json.text(d) + "\n\n");
        }

        @Override
        public void failed(ErrorCode code, String message) {
            ended = true;
            running.remove(id);
            out.end("event: error\ndata: " + Json.text(Json.object().put("code", code.wireName())
                    .put("message", message)) + "\n\n");
        }
    }
}
