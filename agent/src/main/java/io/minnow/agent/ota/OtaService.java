package io.minnow.agent.ota;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.minnow.agent.Main;
import io.minnow.agent.inference.ModelService;
import io.minnow.agent.lifecycle.Service;
import io.minnow.agent.metrics.AgentMetrics;
import io.minnow.config.DeviceConfig;
import io.minnow.config.OtaConfig;
import io.minnow.ota.activation.HealthMonitor;
import io.minnow.ota.activation.HealthPolicy;
import io.minnow.ota.activation.Updater;
import io.minnow.ota.keys.KeyFiles;
import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.Inbox;
import io.minnow.ota.store.ModelStore;
import io.minnow.ota.verify.ArchiveLimits;
import io.minnow.ota.verify.BoardIdentity;
import io.minnow.ota.verify.ReleaseVerifier;
import io.minnow.runtime.generate.ErrorCode;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model updates in the running agent: the {@link Updater} over the model store, fed by the inbox the
 * {@code minnow install} and {@code minnow rollback} commands write to (checked every {@value #POLL_MS} ms),
 * with request outcomes feeding its health window. Every attempt's outcome is counted in {@code
 * minnow.ota.attempts} (by outcome and code) and republished on the retained status. Installs, rollbacks
 * and health checks run on one thread, {@code minnow-ota}. Thread-safe.
 */
public final class OtaService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(OtaService.class);
    private static final long POLL_MS = 500;
    /** Request outcomes that say the model failed; client errors and load shedding say nothing about it. */
    private static final Set<String> MODEL_FAILURES = Set.of(ErrorCode.INTERNAL.wireName(), ErrorCode.TIMEOUT.wireName(),
            ErrorCode.MODEL_UNAVAILABLE.wireName());

    private final DeviceConfig config;
    private final ModelStore store;
    private final AgentMetrics metrics;
    private final GeneratorHost host;
    private final Runnable statusChanged;
    private final HealthMonitor health = new HealthMonitor();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "minnow-ota");
        t.setDaemon(true);
        return t;
    });
    private volatile Updater updater;
    private volatile Optional<Attempt> last = Optional.empty();
    private final List<java.util.function.Consumer<Attempt>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param statusChanged republishes the status; called after every attempt's change */
    public OtaService(DeviceConfig config, ModelStore store, ModelService model, AgentMetrics metrics,
            Runnable statusChanged) {
        this.config = config;
        this.store = store;
        this.metrics = metrics;
        this.host = new GeneratorHost(model, config.model(), config.scheduler().workers());
        this.statusChanged = statusChanged;
    }

    @Override
    public String name() {
        return "ota (" + store.directory() + ")";
    }

    @Override
    public void start() throws IOException {
        OtaConfig ota = config.ota();
        Optional<PublicKey> root = Optional.empty();
        if (ota.rootKeyFile().isPresent()) {
            root = Optional.of(KeyFiles.readPublic(ota.rootKeyFile().get()));
        } else {
            LOG.warn("ota.root_key_file is not set: this board refuses every update (no_trust_root)");
        }
        // The board's group (top-level `group`) is what a release signed for --group G must name.
        ReleaseVerifier verifier = new ReleaseVerifier(root, new BoardIdentity(config.deviceId(),
                List.of(config.group()), Main.VERSION), ArchiveLimits.DEFAULT, Clock.systemUTC());
        HealthPolicy policy = new HealthPolicy(ota.healthWindowMs(), ota.healthMinRequests(), ota.healthMaxErrorRate(),
                ota.healthMaxLatencyRatio());
        updater = new Updater(store, verifier, host, health, policy, thread, this::changed, System::currentTimeMillis);
        last = store.lastAttempt();
        metrics.observe((outcome, nanos) -> {
            if (MODEL_FAILURES.contains(outcome)) {
                health.record(true, 0);
            } else if (AgentMetrics.OK.equals(outcome)) {
                health.record(false, nanos);
            }
        });
        Gauge.builder("minnow.ota.active_release", () -> store.state().activeReleaseNumber())
                .description("release number of the active model (0: the first install)").register(metrics.registry());
        Gauge.builder("minnow.ota.health_window", () -> store.state().inTrial() ? 1 : 0)
                .description("1 while a new release is in its health window").register(metrics.registry());
        Inbox inbox = new Inbox(store.directory());
        thread.scheduleWithFixedDelay(() -> drain(inbox), 0, POLL_MS, TimeUnit.MILLISECONDS);
    }

    /** The updater, for other delivery paths (web page, MQTT); null before {@link #start}. */
    public Updater updater() {
        return updater;
    }

    public ModelStore store() {
        return store;
    }

    public GeneratorHost host() {
        return host;
    }

    /** The latest attempt, for status and pages. */
    public Optional<Attempt> lastAttempt() {
        return last;
    }

    /**
     * Also tells {@code listener} of every attempt's change (on the OTA thread), e.g. OTA delivery's
     * per-board update status.
     */
    public void onAttempt(java.util.function.Consumer<Attempt> listener) {
        listeners.add(listener);
    }

    /** Runs {@code task} on the OTA thread and hands back its result (an install from a delivery path). */
    public <T> java.util.concurrent.Future<T> call(java.util.concurrent.Callable<T> task) {
        return thread.submit(task);
    }

    /** True while an install or rollback is being applied (for the status LED). */
    public boolean applying() {
        return last.filter(a -> a.outcome() == Attempt.Outcome.IN_PROGRESS).isPresent();
    }

    /**
     * Rolls back to the previous release on the OTA thread, as {@code minnow rollback} does; {@code source}
     * (like {@code button}) starts the attempt's id. The outcome is logged and published like any attempt's.
     */
    public void rollbackSoon(String source) {
        submit(() -> {
            try {
                Attempt a = updater.rollback(source + "-" + store.newId());
                LOG.info("{} rollback: {}{}", source, a.outcome().wireName(), a.code().map(c -> " (" + c.wireName()
                        + ")").orElse(""));
            } catch (IOException | RuntimeException e) {
                LOG.error("{} rollback failed", source, e);
            }
        });
    }

    /** Runs {@code task} on the OTA thread (installs from other delivery paths go there too). */
    public void submit(Runnable task) {
        thread.execute(task);
    }

    @Override
    public void stop() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("an update was still running at stop; the store repairs it at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (updater != null) {
            updater.close();
        }
        metrics.observe((outcome, nanos) -> { });
        store.close();
    }

    private void drain(Inbox inbox) {
        try {
            List<Inbox.Request> pending = inbox.pending();
            if (pending.isEmpty()) {
                return;
            }
            Set<String> attempted = new java.util.HashSet<>();
            store.history().forEach(a -> attempted.add(a.id()));
            for (Inbox.Request r : pending) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                if (attempted.contains(r.id())) {
                    // Begun before a crash: the journal says interrupted, and the sender is told to send it again.
                    inbox.done(r);
                    continue;
                }
                LOG.info("{} request {} from the inbox", r.action().name().toLowerCase(java.util.Locale.ROOT), r.id());
                try {
                    if (r.action() == Inbox.Action.INSTALL) {
                        updater.install(r.id(), r.bundle(), r.releaseFile());
                    } else {
                        updater.rollback(r.id());
                    }
                } finally {
                    inbox.done(r);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("handling an update request failed", e);
        }
    }

    private void changed(Attempt a) {
        last = Optional.of(a);
        Counter.builder("minnow.ota.attempts").tag("outcome", a.outcome().wireName())
                .tag("code", a.code().map(c -> c.wireName()).orElse("none"))
                .description("update attempts by outcome and reason code").register(metrics.registry()).increment();
        statusChanged.run();
        listeners.forEach(l -> l.accept(a));
    }
}
