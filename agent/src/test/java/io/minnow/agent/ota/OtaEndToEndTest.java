package io.minnow.agent.ota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.agent.testing.Requester;
import io.minnow.ota.keys.ReleaseKey;
import io.minnow.ota.release.Ed25519;
import io.minnow.ota.release.Target;
import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.ModelStore;
import io.minnow.ota.testing.BadZips;
import io.minnow.ota.testing.Fleet;
import io.minnow.ota.verify.ReasonCode;
import io.minnow.runtime.bundle.BundleWriter;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.SelfTest;
import io.minnow.runtime.bundle.SelfTestCase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real agent process on a real broker taking updates through {@code minnow install}: the default models
 * pump-3 (first install) and pump-4, signed releases, and every bad release of issue 12. The tests run in
 * order on the same board, as an admin would push them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OtaEndToEndTest {
    private static final String DEVICE = "ota-e2e";
    private static final String REQUEST = "minnow/" + DEVICE + "/request";

    private Path dir;

    private final Fleet fleet = new Fleet(Instant.now());
    private Mosquitto broker;
    private AgentProcess agent;
    private Requester device;
    private Path release4;
    private final AtomicInteger ids = new AtomicInteger();

    @BeforeAll
    void startBoard(@TempDir Path tempDir) throws Exception {
        dir = tempDir;
        broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")));
        agent = new AgentProcess(Files.createDirectories(dir.resolve("board")), broker, DEVICE, Fleet.PUMP_3,
                fleet.root.getPublic(), 3_000).start(Optional.empty());
        device = new Requester(broker.url(), "ota-e2e-device");
    }

    @AfterAll
    void stopBoard() throws Exception {
        if (device != null) {
            device.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private OtaCli.Result install(Path bundle, Path release) {
        return OtaCli.run("install", "--config", agent.config.toString(), "--wait-s", "120", bundle.toString(),
                release.toString());
    }

    private Attempt lastAttempt() throws Exception {
        List<Attempt> all = ModelStore.snapshot(agent.stateDir).attempts();
        return all.get(all.size() - 1);
    }

    /** Asks one question and returns the version of the model that answered. */
    private String servingVersion() {
        String id = "v" + ids.incrementAndGet();
        send(id, "{\"id\":\"" + id + "\",\"template\":\"log\",\"values\":{\"line\":\"main breaker tripped on overcurrent\"}}");
        JsonNode r = device.awaitFinal(id, Duration.ofSeconds(30));
        assertThat(r.path("type").asText()).as(r.toString()).isEqualTo("final");
        return r.path("model").path("version").asText();
    }

    private void send(String id, String json) {
        try {
            device.send(REQUEST, json, id);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Path release(Path bundle, long n) throws Exception {
        return fleet.release(bundle, n).write(Files.createTempFile(dir, "release-" + n + "-", ".json"));
    }

    @Test
    @Order(1)
    void installsPump4WhileRequestsKeepBeingAnsweredWithoutOneFailure() throws Exception {
        assertThat(servingVersion()).isEqualTo("3.0.0");
        release4 = release(Fleet.PUMP_4, 4);
        List<String> sent = new ArrayList<>();
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            while (sending.get()) {
                String id = "load" + ids.incrementAndGet();
                synchronized (sent) {
                    sent.add(id);
                }
                send(id, "{\"id\":\"" + id + "\",\"template\":\"log\",\"values\":{\"line\":\"main breaker tripped\"}}");
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        load.start();
        OtaCli.Result r = install(Fleet.PUMP_4, release4);
        Thread.sleep(1_000); // requests keep coming after the switch
        sending.set(false);
        load.join();
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("trial");

        List<String> versions = new ArrayList<>();
        for (String id : sent) {
            JsonNode reply = device.awaitFinal(id, Duration.ofSeconds(60));
            assertThat(reply.path("type").asText()).as("request %s: %s", id, reply).isEqualTo("final");
            versions.add(reply.path("model").path("version").asText());
        }
        assertThat(sent).as("requests were sent throughout the activation").hasSizeGreaterThan(10);
        assertThat(versions).as("answered by the old model, then the new one").startsWith("3.0.0").endsWith("4.0.0")
                .containsOnly("3.0.0", "4.0.0");
        assertThat(device.finalCounts().values()).as("each request answered exactly once").containsOnly(1L);

        await().atMost(Duration.ofSeconds(30)).until(() -> lastAttempt().outcome() == Attempt.Outcome.ACTIVATED);
        JsonNode ota = agent.status().path("ota");
        assertThat(ota.path("active").path("release").asLong()).isEqualTo(4);
        assertThat(ota.path("active").path("version").asText()).isEqualTo("4.0.0");
        assertThat(ota.path("previous").path("release").asLong()).isZero();
        assertThat(ota.path("last_update").path("outcome").asText()).isEqualTo("activated");
        OtaCli.Result models = OtaCli.run("models", "--config", agent.config.toString());
        assertThat(models.out()).contains("minnow-pump 4.0.0", "release 4", "active").contains("previous");
    }

    /** A bad release and the reason code it must be refused with. */
    private record Bad(String what, Path bundle, Path release, ReasonCode code) {
    }

    private List<Bad> badReleases() throws Exception {
        Path w = Files.createDirectories(dir.resolve("bad"));
        List<Bad> bad = new ArrayList<>();
        Path flipped = Fleet.copy(Fleet.PUMP_4, w, "flipped.minnow");
        Path flippedRelease = release(flipped, 5);
        byte[] bytes = Files.readAllBytes(flipped);
        bytes[bytes.length / 3] ^= 0x40;
        Files.write(flipped, bytes);
        bad.add(new Bad("a flipped byte in the bundle", flipped, flippedRelease, ReasonCode.BUNDLE_DIGEST));

        Path edited = release(Fleet.PUMP_4, 5);
        Files.writeString(edited, Files.readString(edited).replace("\"release\" : 5", "\"release\" : 7"));
        bad.add(new Bad("a changed byte in the manifest", Fleet.PUMP_4, edited, ReasonCode.BAD_SIGNATURE));

        Fleet.Release wrongKey = fleet.release(Fleet.PUMP_4, 5);
        wrongKey.signer = Ed25519.generate();
        bad.add(new Bad("a key outside the key list", Fleet.PUMP_4, wrongKey.write(w.resolve("wrong-key.json")),
                ReasonCode.UNKNOWN_KEY));

        var oldList = fleet.keyList;
        var oldEnvelope = fleet.keyListEnvelope;
        fleet.keyList = oldList.withKey(ReleaseKey.of(Ed25519.generate().getPublic()), fleet.now, fleet.now.plus(
                Duration.ofDays(30))).withRevoked(Ed25519.keyId(fleet.releaseKey.getPublic()), fleet.now,
                fleet.now.plus(Duration.ofDays(30)));
        fleet.resignKeyList();
        Fleet.Release revoked = fleet.release(Fleet.PUMP_4, 5);
        bad.add(new Bad("a revoked key", Fleet.PUMP_4, revoked.write(w.resolve("revoked.json")), ReasonCode.KEY_REVOKED));

        fleet.keyList = new io.minnow.ota.keys.KeyList(3, fleet.now.minus(Duration.ofDays(2)),
                fleet.now.minus(Duration.ofDays(1)), oldList.keys(), List.of());
        fleet.resignKeyList();
        bad.add(new Bad("an expired key list", Fleet.PUMP_4, fleet.release(Fleet.PUMP_4, 5).write(w.resolve("old-keys.json")),
                ReasonCode.KEY_LIST_EXPIRED));
        fleet.keyList = oldList;
        fleet.keyListEnvelope = oldEnvelope;

        Fleet.Release expired = fleet.release(Fleet.PUMP_4, 5);
        expired.expires = Instant.now().minusSeconds(1);
        bad.add(new Bad("an expired manifest", Fleet.PUMP_4, expired.write(w.resolve("expired.json")),
                ReasonCode.MANIFEST_EXPIRED));

        bad.add(new Bad("a downgrade", Fleet.PUMP_3, release(Fleet.PUMP_3, 3), ReasonCode.DOWNGRADE));
        bad.add(new Bad("the replayed release 4", Fleet.PUMP_4, release4, ReasonCode.REPLAY));

        Fleet.Release other = fleet.release(Fleet.PUMP_4, 5);
        other.target = Target.of(List.of("another-board"), List.of());
        bad.add(new Bad("another board's release", Fleet.PUMP_4, other.write(w.resolve("target.json")),
                ReasonCode.WRONG_TARGET));

        Path truncated = Fleet.copy(Fleet.PUMP_4, w, "truncated.minnow");
        Path truncatedRelease = release(truncated, 5);
        Files.write(truncated, java.util.Arrays.copyOf(Files.readAllBytes(truncated), (int) Files.size(truncated) / 2));
        bad.add(new Bad("a truncated bundle", truncated, truncatedRelease, ReasonCode.BUNDLE_SIZE));

        Path slip = BadZips.withExtraEntry(Fleet.PUMP_4, w.resolve("slip.minnow"), "../../../tmp/minnow-slip", 16);
        bad.add(new Bad("a zip-slip entry", slip, release(slip, 5), ReasonCode.BUNDLE_UNSAFE));
        Path bomb = BadZips.withExtraEntry(Fleet.PUMP_4, w.resolve("bomb.minnow"), "padding.bin", 64 << 20);
        bad.add(new Bad("a zip bomb", bomb, release(bomb, 5), ReasonCode.BUNDLE_UNSAFE));
        return bad;
    }

    /** Every store file but the journal and the inbox (which the agent empties while this reads), with its hash. */
    private List<String> storeFiles() throws Exception {
        List<String> out = new ArrayList<>();
        for (String top : List.of("state.json", "keys.json", "releases", "staging")) {
            Path start = agent.stateDir.resolve(top);
            if (!Files.exists(start)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(start)) {
                for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.add(agent.stateDir.relativize(p) + " " + io.minnow.ota.verify.ReleaseVerifier.sha256(p));
                }
            }
        }
        return out;
    }

    @Test
    @Order(2)
    void refusesEveryBadReleaseWithItsReasonAndChangesNothing() throws Exception {
        List<String> before = storeFiles();
        for (Bad b : badReleases()) {
            OtaCli.Result r = install(b.bundle(), b.release());
            assertThat(r.exit()).as(b.what() + ": " + r.out() + r.err()).isEqualTo(1);
            assertThat(r.err()).as(b.what()).contains("rejected " + b.code().wireName()).contains("what to do:");
            Attempt a = lastAttempt();
            assertThat(a.code()).as(b.what() + ": " + a.message()).contains(b.code());
            assertThat(storeFiles()).as("nothing changed after " + b.what()).isEqualTo(before);
        }
        assertThat(Path.of("/tmp/minnow-slip")).doesNotExist();
        assertThat(servingVersion()).isEqualTo("4.0.0");
        assertThat(agent.status().path("ota").path("last_update").path("code").asText()).isEqualTo("bundle_unsafe");
    }

    @Test
    @Order(3)
    void aModelFailingItsSelfTestIsRefusedAndTheOldOneKeepsServing() throws Exception {
        ModelBundle pump3 = ModelBundle.open(Fleet.PUMP_3);
        Path wrong = dir.resolve("wrong-self-test.minnow");
        BundleWriter.write(wrong, pump3.model(), pump3.tokenizerJson(), pump3.manifest().withSelfTest(new SelfTest(60_000,
                List.of(SelfTestCase.template("log", Map.of("line", "main breaker tripped"), "hydraulic")))));
        OtaCli.Result r = install(wrong, release(wrong, 5));
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.err()).contains("self_test_failed", "expected \"hydraulic\"");
        assertThat(servingVersion()).isEqualTo("4.0.0");
        assertThat(ModelStore.snapshot(agent.stateDir).state().activeReleaseNumber()).isEqualTo(4);
    }

    @Test
    @Order(4)
    void aModelFailingItsHealthWindowIsRolledBackAutomatically() throws Exception {
        OtaCli.Result r = install(Fleet.PUMP_3, release(Fleet.PUMP_3, 6));
        assertThat(r.exit()).as(r.err()).isZero();
        for (int i = 0; i < 4; i++) {
            String id = "late" + i;
            send(id, "{\"id\":\"" + id + "\",\"prompt\":\"<|manual|>How often should I do bearing greasing?<|answer|>\","
                    + "\"deadline_ms\":1}");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> release6().outcome().isFinal());
        Attempt installed = release6();
        assertThat(installed.outcome()).as(installed.message()).isEqualTo(Attempt.Outcome.ROLLED_BACK);
        assertThat(installed.code()).contains(ReasonCode.HEALTH_FAILED);
        assertThat(installed.message()).contains("failed (internal or timeout)");
        assertThat(servingVersion()).isEqualTo("4.0.0");
        assertThat(agent.status().path("ota").path("active").path("release").asLong()).isEqualTo(4);
    }

    private Attempt release6() throws Exception {
        return ModelStore.snapshot(agent.stateDir).attempts().stream()
                .filter(a -> a.release().orElse(-1) == 6 && a.kind() == Attempt.Kind.INSTALL).findFirst().orElseThrow();
    }

    @Test
    @Order(5)
    void manualRollbackSwitchesToThePreviousRelease() throws Exception {
        OtaCli.Result r = OtaCli.run("rollback", "--config", agent.config.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(servingVersion()).isEqualTo("3.0.0");
        assertThat(ModelStore.snapshot(agent.stateDir).state().activeReleaseNumber()).isZero();
        OtaCli.Result again = OtaCli.run("rollback", "--config", agent.config.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("no_previous");
    }
}
