package io.minnow.agent.mqtt;

import io.minnow.config.MqttConfig;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * What a transport needs to connect: the broker, identity, session and the last will. Immutable.
 *
 * @param willPayload published retained on {@code willTopic} by the broker if the agent vanishes
 */
public record ConnectSettings(
        String serverUri, MqttConfig mqtt, Optional<SSLSocketFactory> tls, String willTopic, byte[] willPayload) {
    public ConnectSettings {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(willTopic, "willTopic");
        willPayload = willPayload.clone();
    }

    @Override
    public byte[] willPayload() {
        return willPayload.clone();
    }
}
