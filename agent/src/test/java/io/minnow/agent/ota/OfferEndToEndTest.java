package io.minnow.agent.ota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minnow.agent.testing.Cli;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.ota.delivery.Offer;
import io.minnow.ota.delivery.OtaTopics;
import io.minnow.ota.release.ReleaseFile;
import io.minnow.ota.testing.FileServer;
import io.minnow.ota.testing.Fleet;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offers over MQTT to a real agent process on a real Mosquitto, with the bundle on a real file server: a
 * board that was offline finds its retained offer, downloads, verifies and activates it and says so on its
 * retained update status; the same offer again (or after a restart) is answered {@code active} without a
 * second download; a bundle that does not match the signed release fails with the delivery's code.
 */
class OfferEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OtaTopics TOPICS = new OtaTopics("minnow");

    @TempDir
    Path dir;

    private final Fleet fleet = new Fleet(Instant.now());

    private static void publishRetained(Mosquitto broker, String topic, byte[] payload, Path dir) throws Exception {
        Path file = Files.write(Files.createTempFile(dir, "offer-", ".json"), payload);
        Cli.Result r = Cli.run(Duration.ofSeconds(10), "mosquitto_pub", "-h", "127.0.0.1", "-p",
                Integer.toString(broker.port()), "-q", "1", "-r", "-t", topic, "-f", file.toString());
        assertThat(r.exit()).as(r.err()).isZero();
    }

    private static JsonNode updateStatus(Mosquitto broker, String device) throws Exception {
        Cli.Result r = Cli.run(Duration.ofSeconds(10), "mosquitto_sub", "-h", "127.0.0.1", "-p",
                Integer.toString(broker.port()), "-t", TOPICS.status(device), "-C", "1", "-W", "3");
        return r.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.out());
    }

    private static JsonNode awaitState(Mosquitto broker, String device, String state, AgentProcess agent) throws Exception {
        JsonNode[] last = {JSON.createObjectNode()};
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
                last[0] = updateStatus(broker, device);
                return state.equals(last[0].path("state").asText());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("no " + state + " status; last " + last[0] + "\nlog:\n" + agent.log(), e);
        }
        return last[0];
    }

    private java.io.StringWriter adminOut;

    /** minnow-admin in this JVM; its output in {@link #adminOut}. */
    private int admin(String... args) {
        adminOut = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int exit = io.minnow.ota.admin.AdminCli.run(args, new java.io.PrintWriter(adminOut, true),
                new java.io.PrintWriter(err, true));
        adminOut.append(err.toString());
        return exit;
    }

    private byte[] offer(Path bundle, long number, URI url) throws Exception {
        ReleaseFile release = fleet.release(bundle, number).file();
        return new Offer(release, release.toBytes(), List.of(url), Instant.now()).toBytes();
    }

    @Test
    void anOfflineBoardFindsItsOfferActivatesItOnceAndReportsEachStep() throws Exception {
        Path served = Files.createDirectories(dir.resolve("served"));
        Fleet.copy(Fleet.PUMP_4, served, "pump-4.minnow");
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")));
                FileServer files = new FileServer(served)) {
            Path release = fleet.release(Fleet.PUMP_4, 4).write(dir.resolve("release-4.json"));
            assertThat(admin("publish", release.toString(), "--url", files.uri("pump-4.minnow").toString(),
                    "--board", "offer-a", "--broker", broker.url())).isZero();
            assertThat(adminOut.toString()).contains("offered release 4 on minnow/ota/offer/board/offer-a");
            Path seen = dir.resolve("statuses.txt");
            Process watcher = new ProcessBuilder("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()),
                    "-t", TOPICS.status("offer-a")).redirectOutput(seen.toFile()).start();
            try (AgentProcess agent = new AgentProcess(Files.createDirectories(dir.resolve("board")), broker, "offer-a",
                    Fleet.PUMP_3, fleet.root.getPublic(), 1_000)) {
                agent.start(Optional.empty());
                assertThat(admin("watch", "--broker", broker.url(), "--boards", "offer-a", "--release", "4", "--json",
                        "--timeout-s", "120")).as(adminOut.toString()).isZero();
                String[] lines = adminOut.toString().strip().split("\n");
                assertThat(JSON.readTree(lines[lines.length - 1]).path("states").path("active").asInt()).isEqualTo(1);
                JsonNode active = updateStatus(broker, "offer-a");
                assertThat(active.path("release").asLong()).isEqualTo(4);
                assertThat(active.path("active_release").asLong()).isEqualTo(4);
                watcher.destroy();
                watcher.waitFor();
                List<String> states = new java.util.ArrayList<>();
                for (String line : Files.readAllLines(seen)) {
                    String state = JSON.readTree(line).path("state").asText();
                    if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
                        states.add(state);
                    }
                }
                assertThat(states).containsSubsequence("offered", "downloading", "verifying", "activating", "active");
                assertThat(files.ranges()).hasSize(1);
                assertThat(Files.exists(agent.stateDir.resolve("downloads"))).isTrue();
                try (var left = Files.list(agent.stateDir.resolve("downloads"))) {
                    assertThat(left).as("the download is removed once installed").isEmpty();
                }

                // the same release offered again, and the board restarted: no second download
                publishRetained(broker, TOPICS.fleetOffer(), offer(Fleet.PUMP_4, 4, files.uri("pump-4.minnow")), dir);
                agent.kill();
                agent.start(Optional.empty());
                JsonNode again = awaitState(broker, "offer-a", "active", agent);
                assertThat(again.path("message").asText()).isEqualTo("release 4 is already active");
                assertThat(files.ranges()).hasSize(1);
            }
        }
    }

    @Test
    void aBundleThatDoesNotMatchTheSignedReleaseFailsWithItsCode() throws Exception {
        Path served = Files.createDirectories(dir.resolve("served"));
        byte[] tampered = Files.readAllBytes(Fleet.PUMP_4);
        tampered[tampered.length / 2] ^= 1; // one flipped bit: same size, another SHA-256
        Files.write(served.resolve("pump-4.minnow"), tampered);
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")));
                FileServer files = new FileServer(served);
                AgentProcess agent = new AgentProcess(Files.createDirectories(dir.resolve("board")), broker, "offer-b",
                        Fleet.PUMP_3, fleet.root.getPublic(), 1_000)) {
            agent.start(Optional.empty());
            // offered to the board's group (the configuration's default group): every board of it takes it
            publishRetained(broker, TOPICS.groupOffer("default"), offer(Fleet.PUMP_4, 4, files.uri("pump-4.minnow")), dir);
            JsonNode failed = awaitState(broker, "offer-b", "failed", agent);
            assertThat(failed.path("code").asText()).isEqualTo("digest_mismatch");
            assertThat(files.ranges()).as("three whole downloads, then it gives up").hasSize(3);
            assertThat(failed.path("active_release").asLong()).isZero();
        }
    }

    @Test
    void aBoardKilledMidDownloadResumesWhereItStoppedAfterItsRestart() throws Exception {
        Path served = Files.createDirectories(dir.resolve("served"));
        Fleet.copy(Fleet.PUMP_4, served, "pump-4.minnow");
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")));
                FileServer files = new FileServer(served);
                AgentProcess agent = new AgentProcess(Files.createDirectories(dir.resolve("board")), broker, "offer-c",
                        Fleet.PUMP_3, fleet.root.getPublic(), 1_000)) {
            // ota is the configuration's last section: a slow download, so the kill lands in the middle of it
            Files.writeString(agent.config, "  delivery: {rate_limit_bytes_per_s: 150000, retry_initial_ms: 200}\n",
                    java.nio.file.StandardOpenOption.APPEND);
            agent.start(Optional.empty());
            Path release = fleet.release(Fleet.PUMP_4, 4).write(dir.resolve("release-4.json"));
            assertThat(admin("publish", release.toString(), "--url", files.uri("pump-4.minnow").toString(),
                    "--board", "offer-c", "--broker", broker.url())).isZero();
            JsonNode[] seen = {JSON.createObjectNode()};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                seen[0] = updateStatus(broker, "offer-c");
                return "downloading".equals(seen[0].path("state").asText()) && seen[0].path("percent").asInt() >= 20;
            });
            agent.kill(); // SIGKILL in the middle of the download
            long reported = seen[0].path("bytes").asLong();
            long size = seen[0].path("size").asLong();
            assertThat(reported).isPositive().isLessThan(size);

            agent.start(Optional.empty());
            JsonNode active = awaitState(broker, "offer-c", "active", agent);
            assertThat(active.path("active_release").asLong()).isEqualTo(4);
            assertThat(files.ranges()).hasSize(2);
            assertThat(files.ranges().get(0)).isEqualTo("null");
            String resumed = files.ranges().get(1);
            assertThat(resumed).startsWith("bytes=").endsWith("-");
            long from = Long.parseLong(resumed.substring("bytes=".length(), resumed.length() - 1));
            assertThat(from).as("the restarted board asks only for the rest").isGreaterThanOrEqualTo(reported)
                    .isLessThan(size);
        }
    }
}
