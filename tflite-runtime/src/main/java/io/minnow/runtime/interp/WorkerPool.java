package io.minnow.runtime.interp;

import io.minnow.runtime.kernel.Parallel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An interpreter's worker threads: {@code threads - 1} daemon threads plus the calling thread, which takes
 * the first part of every loop. Loops too small to pay for a hand-off run on the caller alone.
 *
 * <p>Used by one interpreter thread at a time; {@link #close()} stops the workers.
 */
final class WorkerPool implements Parallel, AutoCloseable {
    /** Below this many multiply-adds a loop is not split (a hand-off costs some microseconds). */
    private static final long MIN_PARALLEL_WORK = 1L << 15;
    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final int threads;
    private final ExecutorService workers;
    private final Future<?>[] pending;

    WorkerPool(int threads) {
        this.threads = threads;
        int id = POOL_IDS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "minnow-interpreter-" + id + "-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pending = new Future<?>[threads];
    }

    @Override
    public void forRange(int n, long workPerItem, Range body) {
        int parts = (int) Math.min(threads, Math.max(1, n * workPerItem / MIN_PARALLEL_WORK));
        parts = Math.min(parts, n);
        if (parts <= 1) {
            body.run(0, n);
            return;
        }
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            pending[p] = workers.submit(() -> body.run(from, to));
        }
        RuntimeException failure = null;
        try {
            body.run(0, (int) ((long) n / parts));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (int p = 1; p < parts; p++) {
            try {
                pending[p].get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for interpreter workers", e);
            } finally {
                pending[p] = null;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
