package io.minnow.ota.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.ota.testing.Fleet;
import io.minnow.ota.verify.ReasonCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path dir;

    private ModelStore open() throws Exception {
        return ModelStore.open(dir.resolve("state"), 3, Clock.systemUTC());
    }

    @Test
    void firstInstallOnlyIntoAnEmptyStoreAndTheStoreSurvivesReopening() throws Exception {
        try (ModelStore s = open()) {
            assertThat(s.activeBundle()).isEmpty();
            assertThat(s.firstInstall(Fleet.PUMP_3, "minnow-pump", "3.0.0", "a test")).isTrue();
            assertThat(s.firstInstall(Fleet.PUMP_4, "minnow-pump", "4.0.0", "a test")).isFalse();
            assertThat(Files.mismatch(s.activeBundle().orElseThrow(), Fleet.PUMP_3)).isEqualTo(-1);
        }
        try (ModelStore s = open()) {
            assertThat(s.state().activeRelease().orElseThrow().version()).isEqualTo("3.0.0");
            assertThat(s.history()).extracting(Attempt::outcome).containsExactly(Attempt.Outcome.ACTIVATED);
        }
    }

    @Test
    void oneProcessOwnsAStoreAtATime() throws Exception {
        try (ModelStore s = open()) {
            assertThatThrownBy(this::open).isInstanceOf(StoreException.class).hasMessageContaining("already");
        }
    }

    @Test
    void aReleaseInItsHealthWindowAtOpenIsRolledBackAndUnfinishedAttemptsAreInterrupted() throws Exception {
        String trialId;
        try (ModelStore s = open()) {
            s.firstInstall(Fleet.PUMP_3, "minnow-pump", "3.0.0", "a test");
            trialId = s.newId();
            s.begin(trialId, Attempt.Kind.INSTALL, "pump 4");
            ModelStore.Staged staged = s.stage(trialId, Fleet.PUMP_4, Optional.empty());
            StoredRelease r = new StoredRelease("4-" + trialId, 4, "minnow-pump", "4.0.0", java.time.Instant.now());
            AtomicFiles.rename(staged.dir(), s.releases().resolve(r.dir()));
            s.activate(trialId, r, Optional.empty());
            s.begin("zzz", Attempt.Kind.INSTALL, "never finished");
            Files.createDirectories(s.releases().resolve("9-orphan"));
            Files.createDirectories(s.directory().resolve("staging").resolve("half"));
            assertThat(s.state().inTrial()).isTrue();
        }
        try (ModelStore s = open()) {
            assertThat(s.state().inTrial()).isFalse();
            assertThat(s.state().activeRelease().orElseThrow().version()).isEqualTo("3.0.0");
            assertThat(s.state().highestRelease()).as("release 4 cannot be replayed").isEqualTo(4);
            List<Attempt> h = s.history();
            Attempt trial = h.stream().filter(a -> a.id().equals(trialId)).findFirst().orElseThrow();
            assertThat(trial.outcome()).isEqualTo(Attempt.Outcome.ROLLED_BACK);
            assertThat(trial.code()).contains(ReasonCode.INTERRUPTED);
            assertThat(h.stream().filter(a -> a.id().equals("zzz")).findFirst().orElseThrow().outcome())
                    .isEqualTo(Attempt.Outcome.INTERRUPTED);
            try (var list = Files.list(s.releases())) {
                assertThat(list.map(p -> p.getFileName().toString()).toList()).containsExactly(
                        s.state().active().orElseThrow());
            }
            try (var list = Files.list(s.directory().resolve("staging"))) {
                assertThat(list.count()).isZero();
            }
        }
    }

    @Test
    void keepsABoundedNumberOfReleases() throws Exception {
        try (ModelStore s = open()) {
            s.firstInstall(Fleet.PUMP_3, "minnow-pump", "3.0.0", "a test");
            for (int n = 1; n <= 4; n++) {
                String id = s.newId() + n;
                s.begin(id, Attempt.Kind.INSTALL, "r" + n);
                ModelStore.Staged staged = s.stage(id, n % 2 == 0 ? Fleet.PUMP_3 : Fleet.PUMP_4, Optional.empty());
                StoredRelease r = new StoredRelease(n + "-" + id, n, "minnow-pump", "x", java.time.Instant.now());
                AtomicFiles.rename(staged.dir(), s.releases().resolve(r.dir()));
                s.activate(id, r, Optional.empty());
                s.confirm(id, "ok");
            }
            assertThat(s.state().releases()).extracting(StoredRelease::release).containsExactly(2L, 3L, 4L);
            assertThat(s.state().previousRelease().orElseThrow().release()).isEqualTo(3);
            try (var list = Files.list(s.releases())) {
                assertThat(list.count()).isEqualTo(3);
            }
        }
    }

    @Test
    void theJournalSkipsALineTornByACrash() throws Exception {
        try (ModelStore s = open()) {
            s.begin("a1", Attempt.Kind.INSTALL, "x");
            s.end("a1", Attempt.Outcome.REJECTED, OptionalLong.of(3), Optional.of(ReasonCode.REPLAY), "old");
        }
        Files.writeString(dir.resolve("state/journal.jsonl"), "{\"attempt\":\"a2\",\"ev",
                java.nio.file.StandardOpenOption.APPEND);
        ModelStore.Snapshot snap = ModelStore.snapshot(dir.resolve("state"));
        assertThat(snap.attempts()).singleElement().satisfies(a -> {
            assertThat(a.outcome()).isEqualTo(Attempt.Outcome.REJECTED);
            assertThat(a.code()).contains(ReasonCode.REPLAY);
        });
    }
}
