package io.minnow.agent.web.generate;

import io.minnow.agent.inference.ModelLease;
import io.minnow.agent.inference.ModelLeases;
import io.minnow.agent.metrics.AgentMetrics;
import io.minnow.agent.schedule.Work;
import io.minnow.runtime.generate.CancellationToken;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP generation as the {@link io.minnow.agent.schedule.InferenceScheduler} runs it: the same queue,
 * fairness, busy rule and deadline as MQTT requests, the same meters. {@link #abandon} is for a client that
 * went away: queued work is then skipped when its turn comes, running work is cancelled between tokens.
 * Thread-safe: an atomic state decides who reports the end.
 */
public final class GenerationJob implements Work {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationJob.class);
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int ENDED = 2;

    private final String client;
    private final int priority;
    private final long arrivalNanos;
    private final long deadlineMs;
    private final long deadlineNanos;
    private final PromptInput input;
    private final SamplingOptions sampling;
    private final ModelLeases model;
    private final GenerationListener listener;
    private final AgentMetrics metrics;
    private final LongSupplier clock;
    private final CancellationToken cancellation = new CancellationToken();
    private final AtomicInteger state = new AtomicInteger(QUEUED);

    /**
     * @param client who asked, for the queue's fairness (an API token, or the page)
     * @param deadlineMs from arrival; after it the request is answered {@link ErrorCode#TIMEOUT}
     * @param model the serving model, leased when the job starts (not when it was queued): a job runs on the
     *     model that serves when its turn comes, and a model swap waits for it before closing the old model
     */
    public GenerationJob(String client, int priority, long deadlineMs, PromptInput input, SamplingOptions sampling,
            ModelLeases model, GenerationListener listener, AgentMetrics metrics, LongSupplier clock) {
        this.client = client;
        this.priority = priority;
        this.arrivalNanos = clock.getAsLong();
        this.deadlineMs = deadlineMs;
        this.deadlineNanos = arrivalNanos + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
        this.input = input;
        this.sampling = sampling;
        this.model = model;
        this.listener = listener;
        this.metrics = metrics;
        this.clock = clock;
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
        if (!state.compareAndSet(QUEUED, RUNNING)) {
            return; // abandoned while queued: nobody is waiting for it
        }
        long started = clock.getAsLong();
        long[] firstText = {0};
        Optional<ModelLease> lease = model.acquire();
        if (lease.isEmpty()) {
            end(ErrorCode.MODEL_UNAVAILABLE, "the model was unloaded while the request waited");
            return;
        }
        try (ModelLease l = lease.get()) {
            generate(l.generator(), started, firstText);
        }
    }

    private void generate(Generator generator, long started, long[] firstText) {
        listener.started();
        GenerationRequest g = new GenerationRequest(input, sampling, OptionalLong.of(deadlineNanos), cancellation);
        try {
            GenerationResult r = generator.generate(g, delta -> {
                if (firstText[0] == 0) {
                    firstText[0] = clock.getAsLong();
                }
                listener.text(delta);
            });
            long end = clock.getAsLong();
            if (!state.compareAndSet(RUNNING, ENDED)) {
                return;
            }
            metrics.completed(started - arrivalNanos, r.prefillNanos(), r.decodeNanos(), end - started,
                    end - arrivalNanos, r.completionTokens());
            listener.finished(r, (firstText[0] == 0 ? end : firstText[0]) - arrivalNanos, end - arrivalNanos);
        } catch (GenerationException e) {
            end(e.code(), e.code() == ErrorCode.TIMEOUT ? "the deadline of " + deadlineMs
                    + " ms passed during generation" : e.getMessage());
        } catch (RuntimeException | Error e) {
            LOG.error("an HTTP generation failed", e);
            end(ErrorCode.INTERNAL, "the model failed on this request: " + e);
        }
    }

    @Override
    public void expire() {
        if (state.compareAndSet(QUEUED, ENDED)) {
            report(ErrorCode.TIMEOUT, "the deadline of " + deadlineMs + " ms passed after "
                    + TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - arrivalNanos)
                    + " ms in the queue; the request was not started");
        }
    }

    @Override
    public void cancel(String reason) {
        if (state.compareAndSet(QUEUED, ENDED)) {
            report(ErrorCode.CANCELLED, reason);
        } else {
            cancellation.cancel();
        }
    }

    /**
     * The client went away or pressed stop: a queued request ends at once (skipped when its turn comes), a
     * running one stops at the next token; either way the listener hears {@link ErrorCode#CANCELLED}. Must
     * not block.
     */
    public void abandon() {
        if (state.compareAndSet(QUEUED, ENDED)) {
            report(ErrorCode.CANCELLED, "stopped by the client before it started");
        } else {
            cancellation.cancel();
        }
    }

    private void end(ErrorCode code, String message) {
        if (state.getAndSet(ENDED) != ENDED) {
            report(code, message);
        }
    }

    private void report(ErrorCode code, String message) {
        metrics.outcome(code.wireName());
        listener.failed(code, message);
    }
}
