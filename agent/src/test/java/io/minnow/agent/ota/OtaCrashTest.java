package io.minnow.agent.ota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.agent.testing.Requester;
import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.CrashPoint;
import io.minnow.ota.store.Inbox;
import io.minnow.ota.store.ModelStore;
import io.minnow.ota.store.StoreState;
import io.minnow.ota.store.StoredRelease;
import io.minnow.ota.testing.Fleet;
import io.minnow.ota.verify.ReasonCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent process dies at every stage of staging and activation (halted at a {@link CrashPoint}: no
 * shutdown hook, no flush, as with SIGKILL or a power cut) and is started again: each time it serves a
 * complete release, the old one or the new one as the stage decides, and the store is consistent. Each
 * restart is also the next crash's victim, so nine agent starts cover eight crash points.
 */
class OtaCrashTest {
    @Test
    void everyCrashDuringAnUpdateBootsIntoAValidModelWithAConsistentStore(@TempDir Path dir) throws Exception {
        Fleet fleet = new Fleet(Instant.now());
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")));
                AgentProcess agent = new AgentProcess(Files.createDirectories(dir.resolve("board")), broker, "crash1",
                        Fleet.PUMP_3, fleet.root.getPublic(), 300);
                Requester device = new Requester(broker.url(), "crash-device")) {
            long expectedRelease = 0;
            String expectedVersion = "3.0.0";
            Optional<String> lastId = Optional.empty();
            CrashPoint lastPoint = null;
            long release = 0;
            for (CrashPoint point : CrashPoint.values()) {
                agent.start(Optional.of(point));
                check(agent, device, expectedRelease, expectedVersion, lastId, lastPoint);
                boolean onPump3 = expectedVersion.equals("3.0.0");
                Path bundle = onPump3 ? Fleet.PUMP_4 : Fleet.PUMP_3;
                Path releaseFile = fleet.release(bundle, ++release).write(dir.resolve("release-" + release + ".json"));
                String id = Inbox.newId();
                new Inbox(agent.stateDir).submitInstall(id, bundle, releaseFile);
                assertThat(agent.awaitExit(Duration.ofSeconds(90))).as("halted at %s; log:%n%s", point.label(),
                        agent.log()).isEqualTo(CrashPoint.EXIT_STATUS);
                lastId = Optional.of(id);
                lastPoint = point;
                if (point == CrashPoint.COMMITTED) {
                    expectedRelease = release;
                    expectedVersion = onPump3 ? "4.0.0" : "3.0.0";
                }
            }
            agent.start(Optional.empty());
            check(agent, device, expectedRelease, expectedVersion, lastId, lastPoint);
        }
    }

    private static void check(AgentProcess agent, Requester device, long release, String version,
            Optional<String> crashedId, CrashPoint crashedAt) throws Exception {
        String when = crashedAt == null ? "at first start" : "after a crash at " + crashedAt.label();
        ModelStore.Snapshot snap = ModelStore.snapshot(agent.stateDir);
        StoreState s = snap.state();
        assertThat(s.inTrial()).as(when).isFalse();
        assertThat(s.activeReleaseNumber()).as(when).isEqualTo(release);
        assertThat(s.activeRelease().orElseThrow().version()).as(when).isEqualTo(version);
        try (Stream<Path> dirs = Files.list(agent.stateDir.resolve("releases"))) {
            assertThat(dirs.map(p -> p.getFileName().toString()).sorted().toList()).as("release dirs " + when)
                    .isEqualTo(s.releases().stream().map(StoredRelease::dir).sorted().toList());
        }
        for (StoredRelease r : s.releases()) {
            assertThat(agent.stateDir.resolve("releases").resolve(r.dir()).resolve(ModelStore.BUNDLE)).isRegularFile();
        }
        try (Stream<Path> staging = Files.list(agent.stateDir.resolve("staging"))) {
            assertThat(staging.toList()).as("staging " + when).isEmpty();
        }
        List<Attempt> attempts = snap.attempts();
        assertThat(attempts).as("no attempt left open " + when).allMatch(a -> a.outcome().isFinal());
        if (crashedId.isPresent()) {
            Attempt crashed = attempts.stream().filter(a -> a.id().equals(crashedId.get())).findFirst().orElseThrow();
            Attempt.Outcome expected = switch (crashedAt) {
                case STATE_SWITCHED, SERVING -> Attempt.Outcome.ROLLED_BACK;
                case COMMITTED -> Attempt.Outcome.ACTIVATED;
                default -> Attempt.Outcome.INTERRUPTED;
            };
            assertThat(crashed.outcome()).as(when + ": " + crashed).isEqualTo(expected);
            if (expected != Attempt.Outcome.ACTIVATED) {
                assertThat(crashed.code()).as(when).contains(ReasonCode.INTERRUPTED);
            }
        }
        String id = "q-" + System.nanoTime();
        device.send("minnow/crash1/request", "{\"id\":\"" + id + "\",\"template\":\"log\",\"values\":{\"line\":"
                + "\"main breaker tripped\"}}", id);
        JsonNode reply = device.awaitFinal(id, Duration.ofSeconds(30));
        assertThat(reply.path("type").asText()).as(when + ": " + reply).isEqualTo("final");
        assertThat(reply.path("model").path("version").asText()).as("serving " + when).isEqualTo(version);
    }
}
