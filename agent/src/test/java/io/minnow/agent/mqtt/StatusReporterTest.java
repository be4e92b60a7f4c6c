package io.minnow.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusReporterTest {
    private static final String TOPIC = "minnow/b1/status";

    private final ScriptedTransport transport = new ScriptedTransport();
    private final MqttConnection connection = new MqttConnection(transport, "scripted broker",
            new Backoff(1, 1, () -> 0.0), m -> { });
    private final OutboundQueue outbound = new OutboundQueue(transport, 4);
    private final StatusReporter status = new StatusReporter(TOPIC, outbound, connection,
            depth -> ("online " + depth).getBytes(StandardCharsets.UTF_8), "offline".getBytes(StandardCharsets.UTF_8),
            () -> 0, 3_600_000);

    @AfterEach
    void stop() {
        connection.stop();
    }

    @Test
    void aRefreshBeforeStartSaysNothing() throws Exception {
        java.util.concurrent.atomic.AtomicInteger payloads = new java.util.concurrent.atomic.AtomicInteger();
        StatusReporter numbered = new StatusReporter(TOPIC, outbound, connection,
                depth -> ("online #" + payloads.incrementAndGet()).getBytes(StandardCharsets.UTF_8),
                "offline".getBytes(StandardCharsets.UTF_8), () -> 0, 3_600_000);
        transport.script.add(true);
        connection.onConnected(outbound::pump);
        connection.start();
        numbered.refresh(); // the board health sampler starts before the status reporter
        assertThat(outbound.flush(10_000)).isTrue();
        assertThat(transport.published).isEmpty();
        assertThat(payloads).hasValue(0);
        numbered.start();
        await().until(() -> payloads.get() == 1);
        numbered.refresh();
        // The queue may replace a retained status not yet sent by the newer one, so look for the newer one.
        await().until(() -> transport.published.contains(TOPIC + " online #2"));
        numbered.stop();
    }

    @Test
    void aReconnectDuringTheDrainDoesNotSayOnlineAfterOffline() throws Exception {
        transport.script.add(true);
        transport.script.add(true);
        connection.onConnected(outbound::pump);
        connection.start();
        status.start();
        await().until(() -> transport.published.contains(TOPIC + " online 0"));

        status.stop();
        await().until(() -> transport.published.contains(TOPIC + " offline"));
        CountDownLatch reconnected = new CountDownLatch(1);
        connection.onConnected(reconnected::countDown); // runs after the status reporter's own action
        transport.lose();
        assertThat(reconnected.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(outbound.flush(10_000)).isTrue();

        assertThat(transport.published).last().isEqualTo(TOPIC + " offline");
    }
}
