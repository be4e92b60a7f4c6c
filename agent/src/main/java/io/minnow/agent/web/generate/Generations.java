package io.minnow.agent.web.generate;

import io.minnow.agent.inference.ModelService;
import io.minnow.agent.metrics.AgentMetrics;
import io.minnow.agent.schedule.Admission;
import io.minnow.agent.schedule.InferenceScheduler;
import io.minnow.config.SchedulerConfig;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The HTTP side's door to inference: every generation the page or the API asks for goes through here into
 * the agent's one {@link InferenceScheduler}. Thread-safe; never blocks.
 */
public final class Generations {
    private final ModelService model;
    private final InferenceScheduler scheduler;
    private final SchedulerConfig config;
    private final AgentMetrics metrics;
    private final LongSupplier clock;

    public Generations(ModelService model, InferenceScheduler scheduler, SchedulerConfig config, AgentMetrics metrics,
            LongSupplier clock) {
        this.model = model;
        this.scheduler = scheduler;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Why a generation was not queued: a code and a sentence for the caller. */
    public record Refused(ErrorCode code, String message) {}

    /** The queued job (to abandon it later), or why it was refused; the listener hears nothing if refused. */
    public sealed interface Outcome {
        record Queued(GenerationJob job) implements Outcome {}

        record NotQueued(Refused refused) implements Outcome {}
    }

    /**
     * Queues a generation.
     *
     * @param board true for the technician's page (the per-board priority), false for API clients (pool priority)
     */
    public Outcome submit(String client, boolean board, PromptInput input, SamplingOptions sampling,
            GenerationListener listener) {
        Optional<Generator> generator = model.generator();
        if (generator.isEmpty()) {
            metrics.outcome(ErrorCode.MODEL_UNAVAILABLE.wireName());
            return new Outcome.NotQueued(new Refused(ErrorCode.MODEL_UNAVAILABLE, model.unavailableReason()));
        }
        GenerationJob job = new GenerationJob(client, board ? config.boardPriority() : config.poolPriority(),
                config.defaultDeadlineMs(), input, sampling, model, listener, metrics, clock);
        Admission a = scheduler.submit(job);
        if (a == Admission.ACCEPTED) {
            return new Outcome.Queued(job);
        }
        ErrorCode code = a == Admission.STOPPING ? ErrorCode.CANCELLED : ErrorCode.BUSY;
        metrics.outcome(code.wireName());
        return new Outcome.NotQueued(new Refused(code, switch (a) {
            case QUEUE_FULL -> "the queue is full (" + config.queueSize() + " requests waiting); retry later";
            case CLIENT_QUOTA -> "this client already has " + config.maxQueuedPerClient()
                    + " requests waiting; wait for an answer before sending more";
            default -> "the agent is shutting down; retry later";
        }));
    }

    /**
     * Queues {@code task} to run on the serving model on an inference worker (the page's priority); its result
     * or failure goes to the callbacks, on the worker. Empty if queued, else why not.
     */
    public <T> Optional<Refused> submitTask(String client, java.util.function.Function<Generator, T> task,
            java.util.function.Consumer<T> done, java.util.function.BiConsumer<ErrorCode, String> failed) {
        if (model.generator().isEmpty()) {
            return Optional.of(new Refused(ErrorCode.MODEL_UNAVAILABLE, model.unavailableReason()));
        }
        Admission a = scheduler.submit(new ModelTask<>(client, config.boardPriority(),
                clock.getAsLong() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(config.defaultDeadlineMs()),
                model, task, done, failed));
        return switch (a) {
            case ACCEPTED -> Optional.empty();
            case STOPPING -> Optional.of(new Refused(ErrorCode.CANCELLED, "the agent is shutting down"));
            default -> Optional.of(new Refused(ErrorCode.BUSY, "the queue is full; retry later"));
        };
    }

    /** The loaded model's generator, if any (for model details). */
    public Optional<Generator> generator() {
        return model.generator();
    }

    public String unavailableReason() {
        return model.unavailableReason();
    }

    /** Seconds a refused client should wait before retrying: roughly one queue turn. */
    public long retryAfterSeconds() {
        return Math.max(1, Math.min(30, config.defaultDeadlineMs() / 1000 / 4));
    }
}
