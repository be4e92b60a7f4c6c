package io.minnow.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Queueing rules against a scripted transport; the broker paths are end-to-end tests. */
class OutboundQueueTest {
    private final ScriptedTransport transport = new ScriptedTransport();
    private final OutboundQueue queue = new OutboundQueue(transport, 4);

    private void publish(String topic, String text, boolean retained) {
        queue.publish(topic, text.getBytes(StandardCharsets.UTF_8), retained, Optional.empty(), () -> { });
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

        transport.up();
        queue.pump();
        assertThat(transport.published).containsExactly("replies/a r1", "minnow/b1/other kept",
                "minnow/b1/status depth 100", "replies/a r2");
        assertThat(queue.backlog()).isZero();
    }

    @Test
    void neverMergesReplies() {
        publish("replies/a", "same", false);
        publish("replies/a", "same", false);
        transport.up();
        queue.pump();
        assertThat(transport.published).containsExactly("replies/a same", "replies/a same");
    }

    @Test
    void aPublishTheClientRefusesIsDroppedWithoutStallingTheRest() throws Exception {
        transport.refusedTopic = "bad/topic";
        transport.up();
        for (int i = 0; i < 10; i++) {
            publish("bad/topic", "x" + i, false);
        }
        publish("replies/a", "ok", false);
        assertThat(transport.published).containsExactly("replies/a ok");
        assertThat(queue.flush(0)).isTrue();
    }
}
