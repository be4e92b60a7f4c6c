package io.minnow.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.minnow.agent.Agent;
import io.minnow.agent.testing.FakeGenerator;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.agent.testing.Requester;
import io.minnow.agent.testing.TestAgents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker restarts in the middle of a load: no accepted request is lost or run twice. QoS 1 is
 * at-least-once on each leg, so a reply in flight during the restart may be delivered again; such a copy is
 * identical (same id, same text), and devices drop it by id (docs/mqtt-api.md).
 */
class BrokerRestartTest {
    private static final int DEVICES = 4;
    private static final int PER_DEVICE = 40;

    @Test
    void everyAcceptedRequestIsAnsweredExactlyOnceAcrossABrokerRestart(@TempDir Path dir) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            FakeGenerator model = new FakeGenerator(3);
            Agent agent = TestAgents.start("b1", broker.url(), "5",
                    "scheduler: {workers: 1, queue_size: 400, max_queued_per_client: 100}", () -> model);
            List<Requester> devices = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                devices.add(new Requester(broker.url(), "dev-r" + d));
            }
            Set<String> accepted = ConcurrentHashMap.newKeySet();
            AtomicInteger sent = new AtomicInteger();
            List<Thread> senders = new ArrayList<>();
            for (int d = 0; d < DEVICES; d++) {
                Requester device = devices.get(d);
                String name = "d" + d;
                Thread t = new Thread(() -> {
                    for (int i = 0; i < PER_DEVICE; i++) {
                        String id = name + "-" + i;
                        // A device retries a publish the broker did not acknowledge, with the same id.
                        while (!accepted.contains(id)) {
                            await().atMost(Duration.ofSeconds(30)).until(device::isConnected);
                            try {
                                device.send("minnow/b1/request", "{\"id\":\"" + id + "\",\"prompt\":\"" + id + "\"}", id);
                                accepted.add(id);
                                sent.incrementAndGet();
                            } catch (MqttException e) {
                                // not acknowledged: try again once reconnected
                            }
                        }
                    }
                });
                senders.add(t);
                t.start();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= DEVICES * PER_DEVICE / 3);
            broker.restart();
            for (Thread t : senders) {
                t.join(60_000);
            }
            assertThat(accepted).hasSize(DEVICES * PER_DEVICE);
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    devices.stream().mapToInt(d -> d.finalCounts().size()).sum() == DEVICES * PER_DEVICE);
            for (int d = 0; d < DEVICES; d++) {
                Requester device = devices.get(d);
                assertThat(device.finalCounts()).as("device %d", d).hasSize(PER_DEVICE);
                for (int i = 0; i < PER_DEVICE; i++) {
                    String id = "d" + d + "-" + i;
                    List<com.fasterxml.jackson.databind.JsonNode> finals = device.replies(id);
                    assertThat(finals.get(0).path("text").asText()).isEqualTo("echo " + id);
                    assertThat(finals).as("copies of the reply to %s are one answer, redelivered", id)
                            .allSatisfy(f -> assertThat(f).isEqualTo(finals.get(0)));
                }
            }
            assertThat(model.started()).as("each accepted request ran exactly once").isEqualTo(DEVICES * PER_DEVICE);
            assertThat(agent.metrics().registry().get("minnow.requests").tag("outcome", "ok").counter().count())
                    .isEqualTo(DEVICES * PER_DEVICE);
            for (Requester d : devices) {
                d.close();
            }
            agent.stop();
        }
    }
}
