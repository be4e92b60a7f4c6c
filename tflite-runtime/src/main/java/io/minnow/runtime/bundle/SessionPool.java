package io.minnow.runtime.bundle;

import io.minnow.runtime.generate.CausalLm;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.generate.GenerationRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Up to {@code max} model sessions, created on first need and lent to one generation at a time. A borrower
 * waits for a free session while its deadline and cancellation allow. Thread-safe.
 */
final class SessionPool implements AutoCloseable {
    /** How often a waiting borrower looks at its cancellation token. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    interface Factory {
        CausalLm create() throws GenerationException;
    }

    private final Factory factory;
    private final int max;
    private final LongSupplier nanoClock;
    private final Deque<CausalLm> idle = new ArrayDeque<>();
    private int created;
    private boolean closed;

    SessionPool(Factory factory, int max, LongSupplier nanoClock) {
        this.factory = factory;
        this.max = max;
        this.nanoClock = nanoClock;
    }

    /** Adds a session made elsewhere (e.g. the one used to check the model) to the idle ones. */
    synchronized void offer(CausalLm lm) {
        created++;
        idle.push(lm);
    }

    CausalLm borrow(GenerationRequest request) throws GenerationException {
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw new GenerationException(ErrorCode.MODEL_UNAVAILABLE, "the model is closed");
                }
                if (!idle.isEmpty()) {
                    return idle.pop();
                }
                if (created < max) {
                    created++;
                    break;
                }
                awaitTurn(request);
            }
        }
        try {
            return factory.create();
        } catch (GenerationException | RuntimeException e) {
            synchronized (this) {
                created--;
                notifyAll();
            }
            throw e;
        }
    }

    private void awaitTurn(GenerationRequest request) throws GenerationException {
        if (request.cancellation().isCancelled()) {
            throw new GenerationException(ErrorCode.CANCELLED, "the request was cancelled while waiting for the model");
        }
        long wait = WAIT_SLICE_NANOS;
        if (request.deadlineNanos().isPresent()) {
            long left = request.deadlineNanos().getAsLong() - nanoClock.getAsLong();
            if (left <= 0) {
                throw new GenerationException(ErrorCode.TIMEOUT, "the deadline passed while waiting for the model");
            }
            wait = Math.min(wait, left);
        }
        try {
            TimeUnit.NANOSECONDS.timedWait(this, wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException(ErrorCode.CANCELLED, "interrupted while waiting for the model", e);
        }
    }

    /** Returns a healthy session for reuse. */
    synchronized void release(CausalLm lm) {
        if (closed) {
            lm.close();
            return;
        }
        idle.push(lm);
        notifyAll();
    }

    /** Drops a session whose state cannot be trusted (its model failed); a fresh one replaces it on demand. */
    synchronized void discard(CausalLm lm) {
        created--;
        lm.close();
        notifyAll();
    }

    /** Closes idle sessions now; borrowed ones close as they come back. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!idle.isEmpty()) {
            idle.pop().close();
        }
        notifyAll();
    }
}
