package io.minnow.agent.mqtt;

import java.util.List;
import java.util.Optional;

/**
 * One MQTT client connection, hiding whether it speaks MQTT 5 or 3.1.1. Publishes and subscriptions are at
 * QoS 1. The session is persistent: the broker keeps subscriptions and queued requests while disconnected.
 * Thread-safe as the underlying Paho client is; callbacks arrive on Paho's callback thread.
 */
public interface MqttTransport {

    /** Receives what arrives on the connection. Methods run on the MQTT callback thread and must not block. */
    interface Listener {
        void messageArrived(io.minnow.agent.protocol.InboundMessage message);

        void connectionLost(Throwable cause);
    }

    /** The outcome of one asynchronous publish, called on a Paho thread. */
    interface PublishListener {
        void published();

        void failed(Throwable cause);
    }

    void setListener(Listener listener);

    /**
     * Connects, waiting up to {@code timeoutMs}.
     *
     * @return whether the broker still had this client's session (subscriptions and queued messages)
     */
    boolean connect(long timeoutMs) throws MqttLinkException;

    boolean isConnected();

    /** Subscribes to each filter at QoS 1, waiting up to {@code timeoutMs}. */
    void subscribe(List<String> filters, long timeoutMs) throws MqttLinkException;

    /**
     * Starts a QoS 1 publish and returns at once; {@code listener} hears when the broker acknowledged it.
     *
     * @param correlationData echoed as MQTT 5 correlation data; ignored by MQTT 3.1.1
     * @throws MqttLinkException when the publish could not even be started (not connected, too many in flight)
     */
    void publish(String topic, byte[] payload, boolean retained, Optional<byte[]> correlationData,
            PublishListener listener) throws MqttLinkException;

    /** Disconnects cleanly (the broker does not publish the will), waiting up to {@code timeoutMs}. */
    void disconnect(long timeoutMs);

    /** Releases the client; after a failed or finished connection. */
    void close();
}
