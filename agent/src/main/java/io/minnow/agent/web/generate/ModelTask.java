package io.minnow.agent.web.generate;

import io.minnow.agent.inference.ModelLease;
import io.minnow.agent.inference.ModelLeases;
import io.minnow.agent.schedule.Work;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.Generator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work on the serving model other than one generation (the page's self-test), queued in the scheduler like a
 * request, so it never runs beside more generations than the workers allow. Runs under a model lease; its
 * outcome goes to exactly one of the two callbacks. Thread-safe.
 *
 * @param <T> what the task produces
 */
public final class ModelTask<T> implements Work {
    private static final Logger LOG = LoggerFactory.getLogger(ModelTask.class);

    private final String client;
    private final int priority;
    private final long deadlineNanos;
    private final ModelLeases model;
    private final Function<Generator, T> task;
    private final Consumer<T> done;
    private final BiConsumer<ErrorCode, String> failed;
    private final AtomicBoolean ended = new AtomicBoolean();

    /** @param deadlineNanos the {@link System#nanoTime()} instant after which it must not start */
    ModelTask(String client, int priority, long deadlineNanos, ModelLeases model, Function<Generator, T> task,
            Consumer<T> done, BiConsumer<ErrorCode, String> failed) {
        this.client = client;
        this.priority = priority;
        this.deadlineNanos = deadlineNanos;
        this.model = model;
        this.task = task;
        this.done = done;
        this.failed = failed;
    }

    @Override
    public String client() {
        return client;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public void run() {
        Optional<ModelLease> lease = model.acquire();
        if (lease.isEmpty()) {
            fail(ErrorCode.MODEL_UNAVAILABLE, "no model is loaded");
            return;
        }
        T result;
        try (ModelLease l = lease.get()) {
            result = task.apply(l.generator());
        } catch (RuntimeException | Error e) {
            LOG.error("a model task failed", e);
            fail(ErrorCode.INTERNAL, "it failed: " + e);
            return;
        }
        if (ended.compareAndSet(false, true)) {
            done.accept(result);
        }
    }

    @Override
    public void expire() {
        fail(ErrorCode.TIMEOUT, "it waited in the queue past its deadline ("
                + TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()) + " ms left)");
    }

    @Override
    public void cancel(String reason) {
        fail(ErrorCode.CANCELLED, reason);
    }

    private void fail(ErrorCode code, String message) {
        if (ended.compareAndSet(false, true)) {
            failed.accept(code, message);
        }
    }
}
