package io.minnow.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Queueing rules against a transport that acknowledges every publish at once; broker paths are end-to-end tests. */
class OutboundQueueTest {
    private static final class AckingTransport implements MqttTransport {
        final List<String> published = new ArrayList<>();
        volatile boolean connected;
        volatile String refusedTopic = "";

        @Override
        public void setListener(Listener listener) {
        }

        @Override
        public boolean connect(long timeoutMs) {
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
        public synchronized void publish(String topic, byte[] payload, boolean retained,
                Optional<byte[]> correlationData, PublishListener l) throws MqttLinkException {
            if (!connected) {
                throw new MqttLinkException("not connected", null);
            }
            if (topic.equals(refusedTopic)) {
                throw new IllegalArgumentException("invalid topic " + topic);
            }
            published.add(topic + " " + new String(payload, StandardCharsets.UTF_8));
            l.published();
        }

        @Override
        public void disconnect(long timeoutMs) {
            connected = false;
        }

        @Override
        public void close() {
        }
    }

    private final AckingTransport transport = new AckingTransport();
    private final OutboundQueue queue = new OutboundQueue(transport, 4);

    private void publish(String topic, String text, boolean retained) {
        queue.publish(topic, text.getBytes(StandardCharsets.UTF_8), retained, Optional.empty());
    }

    @Test
    void keepsOnlyTheNewestQueuedRetainedMessagePerTopicWhileTheBrokerIsAway() {
        for (int depth = 0; depth < 100; depth++) {
            publish("minnow/b1/status", "depth " + depth, true);
        }
        publish("replies/a", "r1", false);
        publish("minnow/b1/other", "kept", true);
        publish("minnow/b1/status", "depth 100", true);
        publish("replies/a", "r2", false);
        assertThat(queue.backlog()).isEqualTo(4);

        transport.connect(0);
        queue.pump();
        assertThat(transport.published).containsExactly("replies/a r1", "minnow/b1/other kept",
                "minnow/b1/status depth 100", "replies/a r2");
        assertThat(queue.backlog()).isZero();
    }

    @Test
    void neverMergesReplies() {
        publish("replies/a", "same", false);
        publish("replies/a", "same", false);
        transport.connect(0);
        queue.pump();
        assertThat(transport.published).containsExactly("replies/a same", "replies/a same");
    }

    @Test
    void aPublishTheClientRefusesIsDroppedWithoutStallingTheRest() throws Exception {
        transport.refusedTopic = "bad/topic";
        transport.connect(0);
        for (int i = 0; i < 10; i++) {
            publish("bad/topic", "x" + i, false);
        }
        publish("replies/a", "ok", false);
        assertThat(transport.published).containsExactly("replies/a ok");
        assertThat(queue.flush(0)).isTrue();
    }
}
