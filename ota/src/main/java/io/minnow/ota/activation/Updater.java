package io.minnow.ota.activation;

import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.CrashPoint;
import io.minnow.ota.store.ModelStore;
import io.minnow.ota.store.StoredRelease;
import io.minnow.ota.verify.ReasonCode;
import io.minnow.ota.verify.ReleaseVerifier;
import io.minnow.ota.verify.UpdateRejected;
import io.minnow.ota.verify.VerifiedRelease;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs, activates and rolls back releases: the one path every delivery (the {@code minnow install}
 * command, MQTT or HTTP downloads, the web page) goes through.
 *
 * <p>An install: journal the attempt; copy bundle and release file into staging; verify them
 * ({@link ReleaseVerifier}); move them into the store; load the model beside the serving one and run its
 * self-test ({@link ModelHost#load}); switch the store's state (new active in trial, old previous); switch
 * serving ({@link ModelHost#serve}); watch the health window ({@link HealthMonitor}) and then confirm the
 * release or roll back to the previous one automatically. A refusal at any step before the state switch leaves
 * the store and the serving model as they were. Every step's outcome is journaled and reported to the
 * listener, so status and metrics follow.
 *
 * <p>Thread-safe: one install or rollback at a time ({@link ReasonCode#BUSY} otherwise); installs are also
 * refused while a health window runs. Health checks run on {@code timer}.
 */
public final class Updater implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Updater.class);
    private static final long CHECK_PERIOD_MS = 500;

    /** Told after every change of an attempt's outcome. Called on the thread that made the change. */
    public interface Listener {
        void changed(Attempt attempt);
    }

    private final ModelStore store;
    private final ReleaseVerifier verifier;
    private final ModelHost host;
    private final HealthMonitor health;
    private final HealthPolicy policy;
    private final ScheduledExecutorService timer;
    private final Listener listener;
    private final LongSupplier millis;
    private final ReentrantLock lock = new ReentrantLock();
    private ScheduledFuture<?> window; // guarded by lock

    /**
     * @param millis a millisecond clock for the health window (System::currentTimeMillis, or a test clock)
     */
    public Updater(ModelStore store, ReleaseVerifier verifier, ModelHost host, HealthMonitor health,
            HealthPolicy policy, ScheduledExecutorService timer, Listener listener, LongSupplier millis) {
        this.store = Objects.requireNonNull(store, "store");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.host = Objects.requireNonNull(host, "host");
        this.health = Objects.requireNonNull(health, "health");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.millis = Objects.requireNonNull(millis, "millis");
    }

    /**
     * Installs a release and returns once it serves (in its health window) or was refused. The health
     * window's verdict comes later, in the journal and to the listener.
     *
     * @param id the attempt id ({@link ModelStore#newId()}, or the inbox request's)
     * @return the attempt: {@link Attempt.Outcome#TRIAL} if the new model serves, else REJECTED with its code
     */
    public Attempt install(String id, Path bundle, Path releaseFile) throws IOException {
        if (!lock.tryLock()) {
            return refuseBusy(id, "another update is being installed");
        }
        try {
            if (store.state().inTrial()) {
                return refuseBusy(id, "the previous release is still in its health window");
            }
            store.begin(id, Attempt.Kind.INSTALL, bundle.getFileName() + " with " + releaseFile.getFileName());
            ModelStore.Staged staged = store.stage(id, bundle, Optional.of(releaseFile));
            VerifiedRelease verified;
            try {
                verified = verifier.verify(staged.bundle(), staged.releaseFile().orElseThrow(), store.installed());
            } catch (UpdateRejected e) {
                store.discard(staged);
                return refused(id, OptionalLong.empty(), e);
            }
            OptionalLong number = OptionalLong.of(verified.manifest().release());
            StoredRelease stored = store.store(staged, verified);
            ModelHost.Loaded loaded;
            try {
                loaded = host.load(store.bundle(stored));
            } catch (UpdateRejected e) {
                store.remove(stored);
                return refused(id, number, e);
            }
            CrashPoint.LOADED.reach();
            try {
                store.activate(id, stored, verified.newKeyList());
            } catch (IOException | RuntimeException e) {
                loaded.discard();
                store.end(id, Attempt.Outcome.REJECTED, number, Optional.of(ReasonCode.STORE_ERROR),
                        "the store could not switch: " + e.getMessage());
                throw e;
            }
            host.serve(loaded);
            health.beginWindow();
            CrashPoint.SERVING.reach();
            long started = millis.getAsLong();
            window = timer.scheduleWithFixedDelay(() -> checkWindow(id, started), Math.min(CHECK_PERIOD_MS,
                    policy.windowMs()), Math.min(CHECK_PERIOD_MS, Math.max(1, policy.windowMs())), TimeUnit.MILLISECONDS);
            LOG.info("release {} serves: {}; health window of {} ms", number.getAsLong(), loaded.describe(),
                    policy.windowMs());
            return report(id);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Rolls back to the previous release on an operator's request (command, web page, button): the same
     * switch as an automatic rollback.
     *
     * @return the attempt, ACTIVATED, or REJECTED with {@code no_previous}, {@code load_failed} or {@code busy}
     */
    public Attempt rollback(String id) throws IOException {
        if (!lock.tryLock()) {
            return refuseBusy(id, "an update is being installed");
        }
        try {
            return switchBack(id, Attempt.Kind.MANUAL_ROLLBACK, ReasonCode.NO_PREVIOUS, "rolled back on request");
        } finally {
            lock.unlock();
        }
    }

    /** True while a health window runs. */
    public boolean inHealthWindow() {
        return store.state().inTrial();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (window != null) {
                window.cancel(false);
            }
        } finally {
            lock.unlock();
        }
    }

    private void checkWindow(String id, long started) {
        lock.lock();
        try {
            if (!store.state().trialAttempt().equals(Optional.of(id))) {
                stopWindow();
                return;
            }
            Optional<String> failure = health.failure(policy);
            if (failure.isPresent()) {
                stopWindow();
                LOG.warn("release failed its health window: {}; rolling back", failure.get());
                switchBack(store.newId(), Attempt.Kind.AUTOMATIC_ROLLBACK, ReasonCode.HEALTH_FAILED, failure.get());
            } else if (millis.getAsLong() - started >= policy.windowMs()) {
                stopWindow();
                store.confirm(id, "health window passed: " + health.summary());
                report(id);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("health window check of attempt {} failed; it is retried", id, e);
        } finally {
            lock.unlock();
        }
    }

    private void stopWindow() {
        health.endWindow();
        if (window != null) {
            window.cancel(false);
            window = null;
        }
    }

    private Attempt switchBack(String id, Attempt.Kind kind, ReasonCode code, String why) throws IOException {
        Optional<StoredRelease> back = store.state().previousRelease();
        if (back.isEmpty()) {
            store.begin(id, kind, "rollback");
            return refused(id, OptionalLong.empty(), new UpdateRejected(ReasonCode.NO_PREVIOUS,
                    "there is no previous release to roll back to"));
        }
        ModelHost.Loaded loaded;
        try {
            loaded = host.load(store.bundle(back.get()));
        } catch (UpdateRejected e) {
            store.begin(id, kind, "to " + back.get().describe());
            return refused(id, OptionalLong.of(back.get().release()), new UpdateRejected(ReasonCode.LOAD_FAILED,
                    "the previous release " + back.get().describe() + " no longer loads: " + e.getMessage()));
        }
        Optional<String> trial = store.state().trialAttempt();
        // Serve first: once the store says rolled back, the previous model already answers. A crash between
        // the two boots into the previous release anyway when the dropped one was in trial, and into a valid,
        // verified release otherwise.
        host.serve(loaded);
        store.rollback(id, kind, code, why);
        stopWindow();
        if (trial.isPresent()) {
            report(trial.get());
        }
        LOG.info("rolled back to {}: {}", back.get().describe(), why);
        return report(id);
    }

    private Attempt refused(String id, OptionalLong release, UpdateRejected e) throws IOException {
        LOG.warn("update {} refused: {}", id, e.toString());
        store.end(id, Attempt.Outcome.REJECTED, release, Optional.of(e.code()), e.getMessage());
        return report(id);
    }

    private Attempt refuseBusy(String id, String why) throws IOException {
        store.begin(id, Attempt.Kind.INSTALL, "(refused: busy)");
        return refused(id, OptionalLong.empty(), new UpdateRejected(ReasonCode.BUSY, why));
    }

    private Attempt report(String id) throws IOException {
        Attempt a = store.history().stream().filter(x -> x.id().equals(id)).reduce((x, y) -> y).orElseThrow();
        try {
            listener.changed(a);
        } catch (RuntimeException e) {
            LOG.warn("update listener failed", e);
        }
        return a;
    }
}
