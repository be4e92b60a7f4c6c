package io.minnow.agent.inference;

import io.minnow.agent.metrics.AgentMetrics;
import io.minnow.agent.protocol.InferenceRequest;
import io.minnow.agent.protocol.Replies;
import io.minnow.agent.protocol.Timings;
import io.minnow.agent.schedule.Work;
import io.minnow.runtime.generate.CancellationToken;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.TextSink;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted request on its way through the scheduler: runs the generation (streaming chunks if asked)
 * and sends exactly one final message, a result or an error. Thread-safe: {@link #cancel} may race
 * {@link #run}; an atomic state decides who answers.
 */
final class InferenceJob implements Work {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceJob.class);
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int ANSWERED = 2;

    private final InferenceRequest request;
    private final int priority;
    private final long arrivalNanos;
    private final long deadlineNanos;
    private final ModelLeases model;
    private final Replier replier;
    private final Runnable delivered;
    private final AgentMetrics metrics;
    private final LongSupplier clock;
    private final CancellationToken cancellation = new CancellationToken();
    private final AtomicInteger state = new AtomicInteger(QUEUED);

    /**
     * @param model the model is leased when the job starts, not when it is queued, so work queued during a model
     *     swap runs on the new model
     * @param delivered runs once the final message is with the broker (acknowledges the request)
     */
    InferenceJob(InferenceRequest request, int priority, long arrivalNanos, ModelLeases model, Replier replier,
            Runnable delivered, AgentMetrics metrics, LongSupplier clock) {
        this.request = request;
        this.priority = priority;
        this.arrivalNanos = arrivalNanos;
        this.deadlineNanos = arrivalNanos + TimeUnit.MILLISECONDS.toNanos(request.deadlineMs());
        this.model = model;
        this.replier = replier;
        this.delivered = delivered;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public String client() {
        return request.client();
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
            return;
        }
        long started = clock.getAsLong();
        int[] chunks = {0};
        TextSink sink = request.stream()
                ? delta -> replier.reply(request.route(), Replies.chunk(request.id(), chunks[0]++, delta), () -> { })
                : TextSink.NONE;
        GenerationRequest g = new GenerationRequest(request.input(), request.sampling(), OptionalLong.of(deadlineNanos),
                cancellation);
        Optional<ModelLease> lease = model.acquire();
        if (lease.isEmpty()) {
            answerError(ErrorCode.MODEL_UNAVAILABLE, "the model was unloaded before this request started");
            return;
        }
        try (ModelLease held = lease.get()) {
            Generator generator = held.generator();
            GenerationResult r = generator.generate(g, sink);
            long generated = clock.getAsLong();
            state.set(ANSWERED);
            // total is taken after the reply is written, so it includes everything the agent does
            byte[] reply = Replies.result(request.id(), r, generator.model(),
                    new Timings(started - arrivalNanos, generated - started, clock.getAsLong() - arrivalNanos), chunks[0]);
            long now = clock.getAsLong();
            replier.reply(request.route(), reply, delivered);
            metrics.completed(started - arrivalNanos, r.prefillNanos(), r.decodeNanos(), generated - started,
                    now - arrivalNanos, r.completionTokens());
        } catch (GenerationException e) {
            String message = e.code() == ErrorCode.TIMEOUT ? "deadline_ms of " + request.deadlineMs()
                    + " ms passed during generation; partial text was discarded" : e.getMessage();
            answerError(e.code(), message);
        } catch (RuntimeException | Error e) {
            // Errors too (a native library that fails to link on first use, a stack overflow): the request was
            // accepted and must be answered, and the worker thread must survive to serve the next one.
            LOG.error("generation failed for request {}", request.id().orElse("(no id)"), e);
            answerError(ErrorCode.INTERNAL, "the model failed on this request: " + e);
        }
    }

    @Override
    public void expire() {
        if (state.compareAndSet(QUEUED, ANSWERED)) {
            send(ErrorCode.TIMEOUT, "deadline_ms of " + request.deadlineMs() + " ms passed after "
                    + TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - arrivalNanos)
                    + " ms in the queue; the request was not started");
        }
    }

    @Override
    public void cancel(String reason) {
        if (state.compareAndSet(QUEUED, ANSWERED)) {
            send(ErrorCode.CANCELLED, reason);
        } else {
            cancellation.cancel(); // run() answers when the generator stops
        }
    }

    private void answerError(ErrorCode code, String message) {
        state.set(ANSWERED);
        send(code, message);
    }

    private void send(ErrorCode code, String message) {
        replier.reply(request.route(), Replies.error(request.id(), code, message), delivered);
        metrics.outcome(code.wireName());
    }
}
