package io.minnow.ota.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.ModelStore;
import io.minnow.ota.testing.BundleHost;
import io.minnow.ota.testing.Fleet;
import io.minnow.ota.verify.ArchiveLimits;
import io.minnow.ota.verify.BoardIdentity;
import io.minnow.ota.verify.ReasonCode;
import io.minnow.ota.verify.ReleaseVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpdaterTest {
    @TempDir
    Path dir;

    private final Fleet fleet = new Fleet(Instant.now());
    private final BundleHost host = new BundleHost();
    private final HealthMonitor health = new HealthMonitor();
    private final AtomicLong millis = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private ModelStore store;

    private Updater updater(HealthPolicy policy) throws Exception {
        store = ModelStore.open(dir.resolve("state"), 3, Clock.systemUTC());
        store.firstInstall(Fleet.PUMP_3, "minnow-pump", "3.0.0", "a test");
        host.serving = "minnow-pump 3.0.0";
        ReleaseVerifier verifier = new ReleaseVerifier(Optional.of(fleet.root.getPublic()),
                new BoardIdentity("pump-7", List.of(), "0.1.0"), ArchiveLimits.DEFAULT, Clock.systemUTC());
        return new Updater(store, verifier, host, health, policy, timer, a -> { }, millis::get);
    }

    @AfterEach
    void close() {
        timer.shutdownNow();
        if (store != null) {
            store.close();
        }
    }

    private Attempt.Outcome outcome(String id) throws Exception {
        return store.history().stream().filter(x -> x.id().equals(id)).reduce((x, y) -> y).orElseThrow().outcome();
    }

    private Path release(Path bundle, long n) throws Exception {
        return fleet.release(bundle, n).write(Files.createTempFile(dir, "r", ".json"));
    }

    @Test
    void installsThenConfirmsAfterAHealthyWindow() throws Exception {
        Updater u = updater(new HealthPolicy(1_000, 2, 0.5, 3));
        Attempt a = u.install("a1", Fleet.PUMP_4, release(Fleet.PUMP_4, 4));
        assertThat(a.outcome()).isEqualTo(Attempt.Outcome.TRIAL);
        assertThat(host.serving).isEqualTo("minnow-pump 4.0.0");
        assertThat(host.closed).contains("minnow-pump 3.0.0");
        assertThat(u.install("a2", Fleet.PUMP_4, release(Fleet.PUMP_4, 5)).code()).contains(ReasonCode.BUSY);
        millis.set(1_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> outcome("a1") == Attempt.Outcome.ACTIVATED);
        assertThat(store.state().inTrial()).isFalse();
        assertThat(store.state().activeRelease().orElseThrow().release()).isEqualTo(4);
        assertThat(store.state().previousRelease().orElseThrow().release()).isZero();
    }

    @Test
    void aFailedSelfTestKeepsTheOldModelAndTheStoreUnchanged() throws Exception {
        Updater u = updater(HealthPolicy.DEFAULT);
        host.failingVersions.add("4.0.0");
        var before = store.state();
        Attempt a = u.install("a1", Fleet.PUMP_4, release(Fleet.PUMP_4, 4));
        assertThat(a.outcome()).isEqualTo(Attempt.Outcome.REJECTED);
        assertThat(a.code()).contains(ReasonCode.SELF_TEST_FAILED);
        assertThat(host.serving).isEqualTo("minnow-pump 3.0.0");
        assertThat(store.state()).isEqualTo(before);
        try (var list = Files.list(store.directory().resolve("releases"))) {
            assertThat(list.count()).isEqualTo(1);
        }
    }

    @Test
    void rollsBackAutomaticallyWhenTheHealthWindowFails() throws Exception {
        Updater u = updater(new HealthPolicy(60_000, 3, 0.3, 3));
        u.install("a1", Fleet.PUMP_4, release(Fleet.PUMP_4, 4));
        for (int i = 0; i < 4; i++) {
            health.record(true, 0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> outcome("a1") == Attempt.Outcome.ROLLED_BACK);
        assertThat(host.serving).isEqualTo("minnow-pump 3.0.0");
        Attempt a1 = store.history().stream().filter(x -> x.id().equals("a1")).findFirst().orElseThrow();
        assertThat(a1.outcome()).isEqualTo(Attempt.Outcome.ROLLED_BACK);
        assertThat(a1.code()).contains(ReasonCode.HEALTH_FAILED);
        assertThat(a1.message()).contains("4 of 4 requests failed");
        assertThat(u.install("a3", Fleet.PUMP_4, release(Fleet.PUMP_4, 4)).code()).as("no replay of the bad release")
                .contains(ReasonCode.REPLAY);
    }

    @Test
    void manualRollbackSwitchesToThePreviousReleaseAndNeedsOne() throws Exception {
        Updater u = updater(new HealthPolicy(0, 1, 0.5, 3));
        assertThat(u.rollback("r0").code()).contains(ReasonCode.NO_PREVIOUS);
        u.install("a1", Fleet.PUMP_4, release(Fleet.PUMP_4, 4));
        await().atMost(Duration.ofSeconds(10)).until(() -> outcome("a1") == Attempt.Outcome.ACTIVATED);
        Attempt r = u.rollback("r1");
        assertThat(r.outcome()).isEqualTo(Attempt.Outcome.ACTIVATED);
        assertThat(r.kind()).isEqualTo(Attempt.Kind.MANUAL_ROLLBACK);
        assertThat(host.serving).isEqualTo("minnow-pump 3.0.0");
        assertThat(store.state().activeReleaseNumber()).isZero();
    }
}
