package io.minnow.agent.ota;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minnow.agent.testing.Cli;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.ota.admin.AdminCli;
import io.minnow.ota.testing.FileServer;
import io.minnow.ota.testing.Fleet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minnow-admin rollout} against two real agent processes on a real Mosquitto and file server: a canary
 * whose release fails halts the campaign with the other board untouched; the next campaign reaches both
 * boards, one of which was offline when it began and catches up.
 */
class RolloutEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Fleet fleet = new Fleet(Instant.now());

    private static String retained(Mosquitto broker, String topic) throws Exception {
        return Cli.run(Duration.ofSeconds(10), "mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()),
                "-t", topic, "-C", "1", "-W", "2").out();
    }

    private static String admin(StringWriter out, String... args) {
        return Integer.toString(AdminCli.run(args, new PrintWriter(out, true), new PrintWriter(out, true)));
    }

    @Test
    void aFailingCanaryHaltsTheCampaignAndTheNextOneReachesEveryBoardIncludingOneThatWasOffline() throws Exception {
        Path served = Files.createDirectories(dir.resolve("served"));
        Fleet.copy(Fleet.PUMP_4, served, "pump-4.minnow");
        byte[] tampered = Files.readAllBytes(Fleet.PUMP_4);
        tampered[tampered.length / 3] ^= 1;
        Files.write(served.resolve("bad.minnow"), tampered);
        Path release4 = fleet.release(Fleet.PUMP_4, 4).write(dir.resolve("release-4.json"));
        Path release5 = fleet.release(Fleet.PUMP_4, 5).write(dir.resolve("release-5.json"));
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")));
                FileServer files = new FileServer(served);
                AgentProcess a = new AgentProcess(Files.createDirectories(dir.resolve("a")), broker, "roll-a",
                        Fleet.PUMP_3, fleet.root.getPublic(), 1_000);
                AgentProcess b = new AgentProcess(Files.createDirectories(dir.resolve("b")), broker, "roll-b",
                        Fleet.PUMP_3, fleet.root.getPublic(), 1_000)) {
            a.start(Optional.empty());
            b.start(Optional.empty());

            StringWriter out = new StringWriter();
            Path halted = dir.resolve("campaign-4.json");
            assertThat(admin(out, "rollout", "start", release4.toString(), "--url", files.uri("bad.minnow").toString(),
                    "--boards", "roll-a,roll-b", "--canary", "1", "--wave-size", "1", "--state", halted.toString(),
                    "--broker", broker.url(), "--wave-timeout-s", "120")).as(out.toString()).isEqualTo("1");
            assertThat(out.toString()).contains("roll-a: failed (digest_mismatch)", "halted: wave 1 failed on 1 of 1");
            JsonNode state = JSON.readTree(halted.toFile());
            assertThat(state.path("status").asText()).isEqualTo("halted");
            assertThat(state.path("next_wave").asInt()).isZero();
            assertThat(retained(broker, "minnow/ota/offer/board/roll-b")).as("the rest is untouched").isBlank();
            assertThat(retained(broker, "minnow/ota/status/roll-b")).isBlank();
            assertThat(a.status().path("ota").toString()).doesNotContain("\"release\":4");

            // the next campaign, with roll-b offline until the canary is done
            b.kill();
            Path good = dir.resolve("campaign-5.json");
            CompletableFuture<Void> bComesBack = CompletableFuture.runAsync(() -> {
                try {
                    while (!Files.exists(good) || JSON.readTree(good.toFile()).path("next_wave").asInt() < 1) {
                        Thread.sleep(200);
                    }
                    b.start(Optional.empty());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            out = new StringWriter();
            assertThat(admin(out, "rollout", "start", release5.toString(), "--url", files.uri("pump-4.minnow").toString(),
                    "--boards", "roll-a,roll-b", "--canary", "1", "--wave-size", "1", "--state", good.toString(),
                    "--broker", broker.url(), "--wave-timeout-s", "180")).as(out.toString() + b.log()).isEqualTo("0");
            bComesBack.get(10, TimeUnit.SECONDS);
            assertThat(out.toString()).contains("roll-a: active", "roll-b: active", "done: release 5 on 2 boards");
            assertThat(JSON.readTree(good.toFile()).path("status").asText()).isEqualTo("done");
            assertThat(JSON.readTree(retained(broker, "minnow/ota/status/roll-b")).path("active_release").asLong())
                    .isEqualTo(5);

            // resuming a finished campaign does nothing
            out = new StringWriter();
            assertThat(admin(out, "rollout", "resume", "--state", good.toString(), "--broker", broker.url()))
                    .isEqualTo("0");
            assertThat(out.toString()).contains("the campaign is done");
        }
    }
}
