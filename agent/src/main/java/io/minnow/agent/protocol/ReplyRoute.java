package io.minnow.agent.protocol;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a reply goes: the topic and, for MQTT 5, the correlation data to echo. Immutable.
 *
 * @param correlationData the request's MQTT 5 correlation data, copied; empty for MQTT 3.1.1
 */
public record ReplyRoute(String topic, Optional<byte[]> correlationData) {
    public ReplyRoute {
        Objects.requireNonNull(topic, "topic");
        correlationData = correlationData.map(byte[]::clone);
    }

    /** The correlation data, copied; empty when there is none. */
    @Override
    public Optional<byte[]> correlationData() {
        return correlationData.map(byte[]::clone);
    }

    /** A string that is equal for equal routes; names the requester for deduplication and fairness. */
    public String key() {
        return topic + correlationData.map(c -> "#" + Base64.getEncoder().encodeToString(c)).orElse("");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplyRoute r && r.topic.equals(topic)
                && Arrays.equals(r.correlationData.orElse(null), correlationData.orElse(null));
    }

    @Override
    public int hashCode() {
        return topic.hashCode() * 31 + Arrays.hashCode(correlationData.orElse(null));
    }
}
