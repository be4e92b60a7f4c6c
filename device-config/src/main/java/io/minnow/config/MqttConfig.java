package io.minnow.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How the agent reaches its broker and names its topics.
 *
 * @param brokerUrl {@code tcp://host:port} or {@code ssl://host:port}; empty starts the embedded MQTT 3.1.1 and 5
 *     broker on {@code 127.0.0.1:embeddedPort}
 * @param clientId the MQTT client id; fixed so that the broker keeps the agent's persistent session
 * @param keepAliveS keep-alive interval in seconds
 * @param sessionExpiryS how long (seconds) the broker keeps the session and queued requests while the agent
 *     is away (MQTT 5; MQTT 3.1.1 sessions do not expire)
 * @param maxPayloadBytes requests larger than this are answered {@code too_large} without being parsed
 * @param ackAfterReply acknowledge a request to the broker only once its final reply was delivered to the
 *     broker, so a request the agent accepted is redelivered (and answered) if the agent dies first
 */
public record MqttConfig(
        Optional<URI> brokerUrl,
        MqttVersion version,
        String topicPrefix,
        String clientId,
        Optional<Credentials> credentials,
        Optional<TlsConfig> tls,
        int keepAliveS,
        long sessionExpiryS,
        int maxPayloadBytes,
        int embeddedPort,
        boolean ackAfterReply) {
    public MqttConfig {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(tls, "tls");
    }

    /** True when no broker is configured and the agent runs its own. */
    public boolean embedded() {
        return brokerUrl.isEmpty();
    }
}
