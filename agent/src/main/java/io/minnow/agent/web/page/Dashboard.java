package io.minnow.agent.web.page;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.minnow.agent.web.generate.Generations;
import io.minnow.agent.web.http.Json;
import io.minnow.agent.web.http.ResponseStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live dashboard: builds a snapshot of the agent every {@code periodMs} and pushes it to every open
 * event stream ({@code event: snapshot}), samples {@link MetricsHistory} once per interval ({@code event:
 * point}), and remembers each model it has seen loaded (the history until the OTA store keeps one). A
 * subscriber that falls behind by more than {@value #MAX_BACKLOG_BYTES} bytes is dropped, so a stalled
 * browser cannot make the agent buffer without end. Runs on one scheduler thread of its own. Thread-safe.
 */
public final class Dashboard {
    static final int MAX_BACKLOG_BYTES = 256 * 1024;
    static final int MAX_SUBSCRIBERS = 32;
    static final int MAX_MODELS_REMEMBERED = 20;
    private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

    /** What the dashboard needs to know about the rest of the agent. */
    public record Sources(String deviceId, Generations generations, MeterRegistry registry, IntSupplier queueDepth,
            int queueCapacity, String brokerUrl, BooleanSupplier brokerConnected, Path modelStore,
            java.util.Optional<io.minnow.agent.ota.OtaService> ota) {}

    private final Sources sources;
    private final long periodMs;
    private final MetricsHistory history;
    private final SystemProbe probe;
    private final Clock clock;
    private final List<ResponseStream> subscribers = new CopyOnWriteArrayList<>();
    private final ArrayNode models = Json.MAPPER.createArrayNode();
    private ScheduledExecutorService timer;

    /**
     * @param periodMs how often snapshots are pushed
     * @param historyIntervalMs the width of one history point; the ring holds an hour of them
     */
    public Dashboard(Sources sources, long periodMs, long historyIntervalMs, Clock clock) {
        this.sources = sources;
        this.periodMs = periodMs;
        this.history = new MetricsHistory(sources.registry(), historyIntervalMs,
                (int) Math.max(1, TimeUnit.HOURS.toMillis(1) / historyIntervalMs));
        this.probe = new SystemProbe(Path.of("/proc"), Path.of("/sys/class/thermal"), sources.modelStore());
        this.clock = clock;
    }

    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "minnow-web-dashboard");
            t.setDaemon(true);
            return t;
        });
        history.sample(clock.millis());
        timer.scheduleAtFixedRate(this::push, periodMs, periodMs, TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::pushPoint, history.intervalMs(), history.intervalMs(), TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        subscribers.forEach(s -> s.end(""));
        subscribers.clear();
    }

    /** Adds a stream; sends it the history and a snapshot at once. False if too many are open. */
    boolean subscribe(ResponseStream stream) {
        if (subscribers.size() >= MAX_SUBSCRIBERS) {
            return false;
        }
        subscribers.add(stream);
        ObjectNode h = Json.object().put("interval_ms", history.intervalMs());
        h.set("points", history.points());
        stream.write(event("history", h) + event("snapshot", snapshot()));
        return true;
    }

    void unsubscribe(ResponseStream stream) {
        subscribers.remove(stream);
    }

    /** The agent as the dashboard shows it now. */
    synchronized ObjectNode snapshot() {
        ObjectNode s = Json.object().put("device_id", sources.deviceId()).put("time", clock.millis())
                .put("uptime_s", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
        ObjectNode model = s.putObject("model");
        sources.generations().generator().ifPresentOrElse(g -> {
            model.setAll(ModelDetails.of(g));
            model.remove("templates");
            model.put("loaded", true);
            rememberModel(g.model().name(), g.model().version());
        }, () -> model.put("loaded", false).put("reason", sources.generations().unavailableReason()));
        s.set("model_history", models.deepCopy());
        sources.ota().ifPresent(o -> s.set("updates", UpdateHistory.of(o)));
        s.putObject("broker").put("url", sources.brokerUrl()).put("connected", sources.brokerConnected().getAsBoolean());
        s.putObject("queue").put("depth", sources.queueDepth().getAsInt()).put("capacity", sources.queueCapacity());
        ObjectNode outcomes = s.putObject("requests");
        for (Counter c : sources.registry().find("minnow.requests").counters()) {
            outcomes.put(c.getId().getTag("outcome"), (long) c.count());
        }
        Timer total = sources.registry().find("minnow.request.latency").tag("phase", "total").timer();
        ObjectNode latency = s.putObject("latency_ms");
        if (total != null && total.count() > 0) {
            for (ValueAtPercentile v : total.takeSnapshot().percentileValues()) {
                latency.put("p" + Math.round(v.percentile() * 100), v.value(TimeUnit.MILLISECONDS));
            }
        }
        var tps = sources.registry().find("minnow.generation.tokens_per_second").summary();
        if (tps != null && tps.count() > 0) {
            s.put("tokens_per_second", tps.mean());
        }
        probe.fill(s);
        return s;
    }

    private void rememberModel(String name, String version) {
        ObjectNode last = models.isEmpty() ? null : (ObjectNode) models.get(models.size() - 1);
        if (last == null || !last.path("name").asText().equals(name) || !last.path("version").asText().equals(version)) {
            models.addObject().put("name", name).put("version", version).put("since", clock.millis());
            if (models.size() > MAX_MODELS_REMEMBERED) {
                models.remove(0);
            }
        }
    }

    private void push() {
        try {
            if (!subscribers.isEmpty()) {
                broadcast(event("snapshot", snapshot()));
            }
        } catch (RuntimeException e) {
            LOG.warn("dashboard snapshot failed", e); // keep the timer alive for the next period
        }
    }

    private void pushPoint() {
        try {
            broadcast(event("point", history.sample(clock.millis())));
        } catch (RuntimeException e) {
            LOG.warn("dashboard history sample failed", e);
        }
    }

    private void broadcast(String text) {
        for (ResponseStream s : subscribers) {
            if (!s.isOpen()) {
                subscribers.remove(s);
            } else if (s.pendingBytes() > MAX_BACKLOG_BYTES) {
                subscribers.remove(s);
                s.abort(new java.io.IOException("the dashboard stream fell too far behind"));
            } else {
                s.write(text);
            }
        }
    }

    private static String event(String name, ObjectNode data) {
        return "event: " + name + "\ndata: " + Json.text(data) + "\n\n";
    }
}
