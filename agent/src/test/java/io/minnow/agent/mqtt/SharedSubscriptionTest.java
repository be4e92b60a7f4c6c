package io.minnow.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minnow.agent.Agent;
import io.minnow.agent.testing.RealModel;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.agent.testing.Requester;
import io.minnow.agent.testing.TestAgents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two boards share one pooled request stream through an MQTT 5 shared subscription. */
class SharedSubscriptionTest {
    private static final int REQUESTS = 60;
    // One device sends everything: let it queue it all, this test is about the split, not about fairness.
    private static final String SCHEDULER = "scheduler: {queue_size: 100, max_queued_per_client: 100}";

    @Test
    void twoAgentsAnswerEachPooledRequestExactlyOnce(@TempDir Path dir) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            Agent a = TestAgents.start("board-a", broker.url(), "5", SCHEDULER, () -> RealModel.open(dir));
            Agent b = TestAgents.start("board-b", broker.url(), "5", SCHEDULER, () -> RealModel.open(dir));
            try (Requester device = new Requester(broker.url(), "dev-pool")) {
                for (int i = 0; i < REQUESTS; i++) {
                    device.send("minnow/pool/request", "{\"id\":\"p" + i + "\",\"prompt\":\"n" + i + "\",\"max_tokens\":4}", "p" + i);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> device.finalCounts().size() == REQUESTS);
                await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                        .until(() -> a.metrics().registry().get("minnow.requests").counters().stream()
                                .mapToDouble(c -> c.count()).sum() + b.metrics().registry().get("minnow.requests")
                                .counters().stream().mapToDouble(c -> c.count()).sum() == REQUESTS);
                assertThat(device.finalCounts().values()).allMatch(n -> n == 1);
                for (int i = 0; i < REQUESTS; i++) {
                    assertThat(device.replies("p" + i).get(0).path("type").asText()).as("%s", device.replies("p" + i))
                            .isEqualTo("final");
                }
            }
            Map<String, Double> served = Map.of("a", ok(a), "b", ok(b));
            assertThat(served.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(REQUESTS);
            assertThat(served).as("the broker spreads the pool over both boards").allSatisfy((k, v) ->
                    assertThat(v).isPositive());
            a.stop();
            b.stop();
        }
    }

    private static double ok(Agent agent) {
        return agent.metrics().registry().get("minnow.requests").tag("outcome", "ok").counter().count();
    }
}
