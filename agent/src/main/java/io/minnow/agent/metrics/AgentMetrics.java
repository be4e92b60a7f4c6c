package io.minnow.agent.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The agent's meters, registered on one Micrometer registry so a web endpoint can expose them later:
 * {@code minnow.requests} by {@code outcome}, {@code minnow.queue.depth}, {@code minnow.request.latency}
 * by {@code phase} (queue, prefill, decode, total, and agent: total minus the model call), {@code minnow.tokens.generated} and
 * {@code minnow.generation.tokens_per_second}. Thread-safe.
 */
public final class AgentMetrics {
    /** Outcome tag for a request answered with a result. */
    public static final String OK = "ok";
    /** Outcome tag for a redelivered request that was not answered again. */
    public static final String DUPLICATE = "duplicate";
    /** Outcome tag for a bad request that named no reply topic, so nobody could be told. */
    public static final String UNANSWERABLE = "unanswerable";

    /** Told of every request's outcome, e.g. the OTA health window. Called on the thread that answered. */
    @FunctionalInterface
    public interface OutcomeObserver {
        /** @param totalNanos arrival to answer for {@link #OK}, -1 for the other outcomes */
        void finished(String outcome, long totalNanos);
    }

    private final MeterRegistry registry;
    private volatile OutcomeObserver observer = (outcome, nanos) -> { };
    private final ConcurrentHashMap<String, Counter> outcomes = new ConcurrentHashMap<>();
    private final Timer queue;
    private final Timer prefill;
    private final Timer decode;
    private final Timer total;
    private final Timer agent;
    private final Counter tokens;
    private final DistributionSummary tokensPerSecond;

    public AgentMetrics(MeterRegistry registry) {
        this.registry = registry;
        queue = latency("queue");
        prefill = latency("prefill");
        decode = latency("decode");
        total = latency("total");
        agent = latency("agent");
        tokens = Counter.builder("minnow.tokens.generated").description("completion tokens produced")
                .register(registry);
        tokensPerSecond = DistributionSummary.builder("minnow.generation.tokens_per_second")
                .description("completion tokens per second of model time, per request")
                .publishPercentiles(0.5, 0.95).register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Registers gauges read on demand: waiting requests and replies not yet acknowledged by the broker. */
    public void gauges(IntSupplier queueDepth, IntSupplier outboundBacklog) {
        Gauge.builder("minnow.queue.depth", queueDepth::getAsInt).description("requests waiting for a worker")
                .register(registry);
        Gauge.builder("minnow.mqtt.outbound.backlog", outboundBacklog::getAsInt)
                .description("replies and status messages not yet acknowledged by the broker").register(registry);
    }

    /** Sets the one observer of request outcomes. */
    public void observe(OutcomeObserver o) {
        observer = o;
    }

    /** Counts one request by its outcome: {@link #OK}, an error code's wire name, or a tag above. */
    public void outcome(String outcome) {
        count(outcome);
        observer.finished(outcome, -1);
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, o -> Counter.builder("minnow.requests").tag("outcome", o)
                .description("requests by how they were answered").register(registry)).increment();
    }

    /**
     * Records where a completed request's time went, in nanoseconds; {@code modelNanos} is the whole call
     * into the model runtime, so {@code total - modelNanos} is what the agent itself added.
     */
    public void completed(long queueNanos, long prefillNanos, long decodeNanos, long modelNanos, long totalNanos,
            int completionTokens) {
        count(OK);
        observer.finished(OK, totalNanos);
        queue.record(queueNanos, TimeUnit.NANOSECONDS);
        prefill.record(prefillNanos, TimeUnit.NANOSECONDS);
        decode.record(decodeNanos, TimeUnit.NANOSECONDS);
        total.record(totalNanos, TimeUnit.NANOSECONDS);
        agent.record(totalNanos - modelNanos, TimeUnit.NANOSECONDS);
        tokens.increment(completionTokens);
        long computeNanos = prefillNanos + decodeNanos;
        if (computeNanos > 0 && completionTokens > 0) {
            tokensPerSecond.record(completionTokens * 1e9 / computeNanos);
        }
    }

    private Timer latency(String phase) {
        return Timer.builder("minnow.request.latency").tag("phase", phase)
                .description("time per request spent in each phase").publishPercentiles(0.5, 0.95, 0.99)
                .register(registry);
    }
}
