package io.minnow.agent.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.minnow.agent.lifecycle.Service;
import io.minnow.config.HealthConfig;
import io.minnow.config.board.BoardFiles;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples the board's health every interval on its own thread, keeps the latest {@link BoardHealth}, exposes it
 * as Micrometer gauges ({@code minnow.board.*}, only for readings this board reports), logs a warning when a
 * condition starts and a line when it clears, and tells listeners when the sample changed enough to republish
 * the status (a warning came or went, the temperature moved by a whole degree, the throttling flags changed).
 * Thread-safe.
 */
public final class HealthMonitor implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final boolean enabled;
    private final HealthReader reader;
    private final long intervalMs;
    private final MeterRegistry registry;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile ScheduledExecutorService timer;
    private volatile BoardHealth latest = BoardHealth.NONE;
    private Object lastSummary; // only touched on the sampling thread (and in start, before it runs)

    /**
     * The monitor for this board's real files, reporting the free space where {@code modelsDir} lives; with
     * {@code health.enabled: false} it never samples and every reading stays absent.
     */
    public static HealthMonitor forBoard(HealthConfig config, Path modelsDir, MeterRegistry registry) {
        return new HealthMonitor(new HealthReader(BoardFiles.system(), new Vcgencmd(),
                HealthReader.DiskProbe.fileStore(), modelsDir, config), config.enabled(), config.intervalMs(), registry);
    }

    public HealthMonitor(HealthReader reader, long intervalMs, MeterRegistry registry) {
        this(reader, true, intervalMs, registry);
    }

    private HealthMonitor(HealthReader reader, boolean enabled, long intervalMs, MeterRegistry registry) {
        this.enabled = enabled;
        this.reader = reader;
        this.intervalMs = intervalMs;
        this.registry = registry;
    }

    @Override
    public String name() {
        return "health";
    }

    /** Takes the first sample now (so the first status has it), registers its gauges, then samples on. */
    @Override
    public void start() {
        if (!enabled) {
            LOG.info("board health sampling is off (health.enabled: false)");
            return;
        }
        sample();
        registerGauges(latest);
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread th = new Thread(r, "minnow-health");
            th.setDaemon(true);
            return th;
        });
        timer = t;
        t.scheduleWithFixedDelay(this::sampleSafely, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    /** The latest sample; {@link BoardHealth#NONE} before the first. */
    public BoardHealth latest() {
        return latest;
    }

    /** {@code listener} runs on the sampling thread after a sample that changed the status's content. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void stop() {
        ScheduledExecutorService t = timer;
        if (t != null) {
            t.shutdownNow();
        }
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            LOG.warn("board health sample failed; trying again in {} ms", intervalMs, e);
        }
    }

    private void sample() {
        BoardHealth before = latest;
        BoardHealth now = reader.sample();
        latest = now;
        Set<HealthWarning> started = EnumSet.noneOf(HealthWarning.class);
        started.addAll(now.warnings());
        started.removeAll(before.warnings());
        for (HealthWarning w : started) {
            LOG.warn("board health: {} ({})", w.wireName(), describe(now));
        }
        for (HealthWarning w : before.warnings()) {
            if (!now.warnings().contains(w)) {
                LOG.info("board health: {} cleared ({})", w.wireName(), describe(now));
            }
        }
        Object summary = List.of(now.warnings(), now.cpuTempC().isPresent() ? Math.round(now.cpuTempC().getAsDouble())
                : "", now.throttleFlags());
        if (!summary.equals(lastSummary)) {
            lastSummary = summary;
            listeners.forEach(Runnable::run);
        }
    }

    private static String describe(BoardHealth h) {
        StringBuilder b = new StringBuilder();
        h.cpuTempC().ifPresent(t -> b.append(String.format("cpu %.1f C", t)));
        h.throttleFlags().ifPresent(f -> b.append(b.length() > 0 ? ", " : "").append("throttled=0x")
                .append(Integer.toHexString(f)));
        h.disk().ifPresent(d -> b.append(b.length() > 0 ? ", " : "").append(d.freeBytes() / (1 << 20))
                .append(" MiB of ").append(d.totalBytes() / (1 << 20)).append(" MiB disk free"));
        h.memoryAvailablePercent().ifPresent(p -> b.append(b.length() > 0 ? ", " : "").append(p)
                .append("% memory available"));
        return b.toString();
    }

    private void registerGauges(BoardHealth first) {
        if (first.cpuTempC().isPresent()) {
            gauge("minnow.board.cpu.temperature", "celsius", "CPU temperature",
                    h -> h.cpuTempC().orElse(Double.NaN));
        }
        if (first.throttleFlags().isPresent()) {
            gauge("minnow.board.throttled", null, "Raspberry Pi firmware throttling flags (vcgencmd get_throttled)",
                    h -> h.throttleFlags().isPresent() ? h.throttleFlags().getAsInt() : Double.NaN);
        }
        if (first.memory().isPresent()) {
            gauge("minnow.board.memory.available", "bytes", "memory available to new work (MemAvailable)",
                    h -> h.memory().map(m -> (double) m.availableBytes()).orElse(Double.NaN));
            gauge("minnow.board.memory.total", "bytes", "memory in all",
                    h -> h.memory().map(m -> (double) m.totalBytes()).orElse(Double.NaN));
        }
        if (first.load().isPresent()) {
            gauge("minnow.board.load1", null, "run-queue load average over 1 minute",
                    h -> h.load().map(BoardHealth.Load::oneMinute).orElse(Double.NaN));
        }
        if (first.disk().isPresent()) {
            gauge("minnow.board.disk.free", "bytes", "free space on the models' filesystem",
                    h -> h.disk().map(d -> (double) d.freeBytes()).orElse(Double.NaN));
        }
        for (HealthWarning w : HealthWarning.values()) {
            Gauge.builder("minnow.board.warning", this, m -> m.latest.warnings().contains(w) ? 1 : 0)
                    .tag("warning", w.wireName()).description("1 while the board health warning holds")
                    .register(registry);
        }
    }

    private void gauge(String name, String unit, String description, ToDoubleFunction<BoardHealth> value) {
        Gauge.builder(name, this, m -> value.applyAsDouble(m.latest)).baseUnit(unit).description(description)
                .register(registry);
    }
}
