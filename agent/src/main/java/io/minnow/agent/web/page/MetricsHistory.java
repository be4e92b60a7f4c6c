package io.minnow.agent.web.page;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.minnow.agent.web.http.Json;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The last hour of request latency and throughput as per-interval points, kept in a ring in memory (a fixed
 * number of points; the oldest drop off). Each point: requests answered in the interval, completion tokens
 * per second over it, and the p50/p95/p99 of total latency (Micrometer's rolling window) when requests were
 * answered. Read from the same meters MQTT and HTTP requests record. Thread-safe.
 */
final class MetricsHistory {
    private final MeterRegistry registry;
    private final int capacity;
    private final long intervalMs;
    private final ArrayDeque<ObjectNode> points = new ArrayDeque<>();
    private long lastCount = -1;
    private double lastTokens;

    MetricsHistory(MeterRegistry registry, long intervalMs, int capacity) {
        this.registry = registry;
        this.intervalMs = intervalMs;
        this.capacity = capacity;
    }

    long intervalMs() {
        return intervalMs;
    }

    /** Takes one point (at wall-clock {@code epochMs}) and returns it. */
    synchronized ObjectNode sample(long epochMs) {
        Timer total = registry.find("minnow.request.latency").tag("phase", "total").timer();
        Counter tokens = registry.find("minnow.tokens.generated").counter();
        long count = total == null ? 0 : total.count();
        double tokenCount = tokens == null ? 0 : tokens.count();
        ObjectNode p = Json.object().put("t", epochMs);
        long answered = lastCount < 0 ? 0 : count - lastCount;
        p.put("requests", answered);
        p.put("tokens_per_second", lastCount < 0 ? 0 : (tokenCount - lastTokens) * 1000.0 / intervalMs);
        if (answered > 0 && total != null) {
            for (ValueAtPercentile v : total.takeSnapshot().percentileValues()) {
                p.put("p" + Math.round(v.percentile() * 100), v.value(TimeUnit.MILLISECONDS));
            }
        }
        lastCount = count;
        lastTokens = tokenCount;
        points.addLast(p);
        while (points.size() > capacity) {
            points.removeFirst();
        }
        return p;
    }

    synchronized ArrayNode points() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        points.forEach(out::add);
        return out;
    }
}
