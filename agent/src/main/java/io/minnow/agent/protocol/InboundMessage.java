package io.minnow.agent.protocol;

import java.util.Objects;
import java.util.Optional;

/**
 * A request as it arrived from the broker, before parsing. Immutable.
 *
 * @param topic the topic it was published on
 * @param responseTopic the MQTT 5 response topic; empty for MQTT 3.1.1 or when the sender set none
 * @param correlationData the MQTT 5 correlation data; empty when none
 * @param duplicate the broker flagged it as a redelivery (MQTT DUP)
 */
public record InboundMessage(
        String topic, byte[] payload, Optional<String> responseTopic, Optional<byte[]> correlationData,
        boolean duplicate) {
    public InboundMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(responseTopic, "responseTopic");
        Objects.requireNonNull(correlationData, "correlationData");
    }
}
