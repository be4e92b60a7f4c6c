package io.minnow.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reconnect bookkeeping against a scripted transport; the real broker paths are in BrokerRestartTest. */
class MqttConnectionTest {
    /** Connects as scripted (true = success); an exhausted script fails. */
    private static final class ScriptedTransport implements MqttTransport {
        final ConcurrentLinkedQueue<Boolean> script = new ConcurrentLinkedQueue<>();
        final AtomicInteger connects = new AtomicInteger();
        volatile boolean connected;
        volatile Listener listener;

        @Override
        public void setListener(Listener listener) {
            this.listener = listener;
        }

        @Override
        public boolean connect(long timeoutMs) throws MqttLinkException {
            connects.incrementAndGet();
            if (!Boolean.TRUE.equals(script.poll())) {
                throw new MqttLinkException("scripted refusal", null);
            }
            connected = true;
            return true;
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public void subscribe(List<String> filters, long timeoutMs) {
        }

        @Override
        public void publish(String topic, byte[] payload, boolean retained, Optional<byte[]> correlationData,
                PublishListener l) {
        }

        @Override
        public void disconnect(long timeoutMs) {
            connected = false;
        }

        @Override
        public void close() {
        }

        void lose() {
            connected = false;
            listener.connectionLost(new MqttLinkException("scripted loss", null));
        }
    }

    private final ScriptedTransport transport = new ScriptedTransport();
    private final MqttConnection connection = new MqttConnection(transport, "scripted broker",
            new Backoff(3_600_000, 3_600_000, () -> 0.0), m -> { });

    @AfterEach
    void stop() {
        connection.stop();
    }

    @Test
    void oneLossReportedTwiceStartsOneChainOfAttempts() throws Exception {
        transport.script.add(true);
        connection.start();
        assertThat(transport.connects).hasValue(1);

        transport.lose();
        transport.lose(); // Paho v5 may say disconnected and mqttErrorOccurred for the same loss
        await().until(() -> transport.connects.get() == 2);
        // The retry after the failed attempt is an hour away: any further attempt is a second chain.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> transport.connects.get() == 2);
    }

    @Test
    void reconnectsAfterEachLoss() throws Exception {
        transport.script.add(true);
        transport.script.add(true);
        transport.script.add(true);
        connection.start();

        transport.lose();
        await().until(connection::isConnected);
        transport.lose();
        await().until(connection::isConnected);
        assertThat(transport.connects).hasValue(3);
    }
}
