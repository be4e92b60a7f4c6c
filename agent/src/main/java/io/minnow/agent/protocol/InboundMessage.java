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
 * @param acknowledge tells the broker the message is handled (its QoS 1 PUBACK, when the agent acknowledges
 *     after replying); until then the broker hands it over again after a reconnect. Runs at most once, on any
 *     thread, never blocks; a no-op when the transport acknowledged on arrival
 */
public record InboundMessage(
        String topic, byte[] payload, Optional<String> responseTopic, Optional<byte[]> correlationData,
        boolean duplicate, Runnable acknowledge) {
    public InboundMessage {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(responseTopic, "responseTopic");
        Objects.requireNonNull(correlationData, "correlationData");
        Objects.requireNonNull(acknowledge, "acknowledge");
    }
}
