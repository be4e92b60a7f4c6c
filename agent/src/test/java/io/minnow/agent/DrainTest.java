package io.minnow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minnow.agent.testing.Cli;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.agent.testing.Requester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as a real process: SIGTERM drains it (every accepted request gets its answer or
 * {@code cancelled}); SIGKILL leaves the broker to publish its last will.
 */
class DrainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS = 8;

    @Test
    void sigtermFinishesOrCancelsEveryAcceptedRequestThenSaysOffline(@TempDir Path dir) throws Exception {
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")))) {
            Path config = Files.writeString(dir.resolve("agent.yaml"), """
                    device_id: drain1
                    mqtt: {broker_url: "%s", version: "5"}
                    scheduler: {workers: 1, queue_size: 20, max_queued_per_client: 20, drain_timeout_ms: 1500}
                    web: {enabled: false}
                    """.formatted(broker.url()));
            Process agent = start(config, dir);
            try (Requester device = new Requester(broker.url(), "dev-drain")) {
                JsonNode online = JSON.readTree(Cli.run(Duration.ofSeconds(30), "mosquitto_sub", "-h", "127.0.0.1",
                        "-p", Integer.toString(broker.port()), "-t", "minnow/drain1/status", "-C", "1", "-W", "30").out());
                assertThat(online.path("state").asText()).isEqualTo("online");
                for (int i = 0; i < REQUESTS; i++) {
                    // 5 tokens at 100 ms each: far more work than the 1.5 s drain allows
                    device.send("minnow/drain1/request", "{\"id\":\"q" + i + "\",\"prompt\":\"a b c d\"}", "q" + i);
                }
                try {
                    device.awaitFinal("q0", Duration.ofSeconds(30));
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("no reply to q0; agent log:\n" + Files.readString(dir.resolve("agent.log")), e);
                }
                agent.destroy(); // SIGTERM
                assertThat(agent.waitFor(20, TimeUnit.SECONDS)).as("the agent exits after draining").isTrue();

                await().atMost(Duration.ofSeconds(10)).until(() -> device.finalCounts().size() == REQUESTS);
                List<String> outcomes = new java.util.ArrayList<>();
                for (int i = 0; i < REQUESTS; i++) {
                    List<JsonNode> replies = device.replies("q" + i);
                    assertThat(replies).as("q%d is answered once", i).hasSize(1);
                    JsonNode r = replies.get(0);
                    outcomes.add(r.path("type").asText().equals("final") ? "final" : r.path("error").path("code").asText());
                }
                assertThat(outcomes).as("q0 finished before SIGTERM, q1 was running and finishes within the drain")
                        .startsWith("final", "final").containsOnly("final", "cancelled").contains("cancelled");
                JsonNode offline = JSON.readTree(Cli.run(Duration.ofSeconds(10), "mosquitto_sub", "-h", "127.0.0.1",
                        "-p", Integer.toString(broker.port()), "-t", "minnow/drain1/status", "-C", "1", "-W", "10").out());
                assertThat(offline.path("state").asText()).isEqualTo("offline");
            } finally {
                agent.destroyForcibly();
            }
        }
    }

    @Test
    void theLastWillSaysOfflineWhenTheAgentDiesWithoutStopping(@TempDir Path dir) throws Exception {
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")))) {
            Path config = Files.writeString(dir.resolve("agent.yaml"), """
                    device_id: will1
                    mqtt: {broker_url: "%s", version: "3.1.1"}
                    web: {enabled: false}
                    """.formatted(broker.url()));
            Process agent = start(config, dir);
            try {
                assertThat(status(broker, "will1").path("state").asText()).isEqualTo("online");
                agent.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no DISCONNECT
                await().atMost(Duration.ofSeconds(20)).until(() -> status(broker, "will1").path("state").asText()
                        .equals("offline"));
            } finally {
                agent.destroyForcibly();
            }
        }
    }

    private static Process start(Path config, Path dir) throws java.io.IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                FakeModelAgentMain.class.getName(), config.toString(), "100")
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
    }

    /** The retained status, waiting up to 30 s for the first one. */
    private static JsonNode status(Mosquitto broker, String device) throws Exception {
        return JSON.readTree(Cli.run(Duration.ofSeconds(30), "mosquitto_sub", "-h", "127.0.0.1",
                "-p", Integer.toString(broker.port()), "-t", "minnow/" + device + "/status", "-C", "1", "-W", "30").out());
    }
}
