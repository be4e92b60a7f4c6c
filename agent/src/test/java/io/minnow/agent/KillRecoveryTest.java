package io.minnow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minnow.agent.testing.Cli;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.agent.testing.Requester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent as a real process, killed with SIGKILL at seeded random moments while requests keep coming, and
 * started again each time: every request is answered at least once, and copies are identical. Acknowledging a
 * request to the broker only after its reply makes the broker hand unanswered requests to the restarted agent;
 * acknowledging on arrival (before) lost every request that was queued in the killed process.
 */
class KillRecoveryTest {
    private static final int REQUESTS = 60;
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(60);
    private static final int KILLS = 3;

    @ParameterizedTest(name = "MQTT {0}, seed {1}")
    @CsvSource({"5, 20261208", "3.1.1, 7"})
    void everyRequestIsAnsweredAtLeastOnceAcrossSigkills(String version, long seed, @TempDir Path dir) throws Exception {
        Random random = new Random(seed);
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")));
                Requester device = new Requester(broker.url(), "dev-kill")) {
            Path config = Files.writeString(dir.resolve("agent.yaml"), """
                    device_id: kill1
                    mqtt: {broker_url: "%s", version: "%s"}
                    web: {enabled: false}
                    scheduler: {workers: 1, queue_size: 200, max_queued_per_client: 200, default_deadline_ms: 600000}
                    """.formatted(broker.url(), version));
            List<Integer> killAfter = new ArrayList<>();
            for (int k = 0; k < KILLS; k++) {
                killAfter.add(5 + random.nextInt(REQUESTS - 10));
            }
            Process agent = start(config, dir, 0);
            int restarts = 0;
            // Requests published before the agent's first subscription would have nobody to go to.
            Cli.Result online = Cli.run(Duration.ofSeconds(30), "mosquitto_sub", "-h", "127.0.0.1", "-p",
                    Integer.toString(broker.port()), "-t", "minnow/kill1/status", "-C", "1", "-W", "30");
            assertThat(online.out()).contains("\"online\"");
            for (int i = 0; i < REQUESTS; i++) {
                // MQTT 3.1.1 requests name their reply topic and id in the payload; MQTT 5 ones use the properties.
                device.send("minnow/kill1/request", "{\"id\":\"k" + i + "\",\"reply_to\":\"" + device.replyTopic()
                        + "\",\"prompt\":\"w" + i + " x y\"}", "k" + i);
                Thread.sleep(random.nextInt(100)); // uneven gaps, so kills land between arrivals and answers
                if (killAfter.contains(i)) {
                    agent.destroyForcibly().waitFor(); // SIGKILL: no drain, no DISCONNECT
                    agent = start(config, dir, ++restarts);
                }
            }
            try {
                await().atMost(ANSWERED_WITHIN).until(() -> device.finalCounts().size() == REQUESTS);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("unanswered: " + unanswered(device) + "\nlast agent log:\n"
                        + Files.readString(dir.resolve("agent-" + restarts + ".log")), e);
            } finally {
                agent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Map<String, Long> finals = new TreeMap<>(device.finalCounts());
            for (int i = 0; i < REQUESTS; i++) {
                String id = "k" + i;
                List<JsonNode> replies = device.replies(id).stream()
                        .filter(r -> !r.path("type").asText().equals("chunk")).toList();
                assertThat(replies).as("k%d", i).isNotEmpty()
                        .allSatisfy(r -> assertThat(r.path("type").asText()).isEqualTo("final"));
                String text = replies.get(0).path("text").asText();
                assertThat(text).isEqualTo("echo w" + i + " x y");
                assertThat(replies).as("copies of k%d carry the same id and text", i)
                        .allSatisfy(r -> {
                            assertThat(r.path("id").asText()).isEqualTo(id);
                            assertThat(r.path("text").asText()).isEqualTo(text);
                        });
            }
            assertThat(finals).hasSize(REQUESTS);
        }
    }

    private static List<String> unanswered(Requester device) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            if (!device.finalCounts().containsKey("k" + i)) {
                missing.add("k" + i);
            }
        }
        return missing;
    }

    /** The agent's real main loop over the fake model (20 ms a token), logging to agent-N.log. */
    private static Process start(Path config, Path dir, int n) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), FakeModelAgentMain.class.getName(), config.toString(), "20")
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent-" + n + ".log").toFile()).start();
    }
}
