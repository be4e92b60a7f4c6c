package io.minnow.agent.mqtt;

import io.minnow.agent.protocol.InboundMessage;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@link MqttTransport} over Eclipse Paho's MQTT 3.1.1 client. MQTT 3.1.1 has no response topic or
 * correlation data: requests name their reply topic and id in the payload.
 */
public final class Mqtt3Transport implements MqttTransport {
    /** Replies in flight before Paho refuses more; {@link ReplyPublisher} keeps its own window below this. */
    static final int MAX_INFLIGHT = 1000;

    private final MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private volatile Listener listener;

    public Mqtt3Transport(ConnectSettings s) throws MqttLinkException {
        try {
            client = new MqttAsyncClient(s.serverUri(), s.mqtt().clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new MqttLinkException("cannot create an MQTT 3.1.1 client for " + s.serverUri() + ": " + e.getMessage(), e);
        }
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setKeepAliveInterval(s.mqtt().keepAliveS());
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false); // MqttConnection reconnects, with jitter
        options.setMaxInflight(MAX_INFLIGHT);
        s.mqtt().credentials().ifPresent(c -> {
            options.setUserName(c.username());
            options.setPassword(c.password().toCharArray());
        });
        s.tls().ifPresent(options::setSocketFactory);
        options.setWill(s.willTopic(), s.willPayload(), 1, true);
        client.setCallback(new Callback());
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public boolean connect(long timeoutMs) throws MqttLinkException {
        try {
            IMqttToken t = client.connect(options);
            t.waitForCompletion(timeoutMs);
            return t.getSessionPresent();
        } catch (MqttException e) {
            throw new MqttLinkException("connecting to " + client.getServerURI() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void subscribe(List<String> filters, long timeoutMs) throws MqttLinkException {
        int[] qos = filters.stream().mapToInt(f -> 1).toArray();
        try {
            IMqttToken t = client.subscribe(filters.toArray(String[]::new), qos);
            t.waitForCompletion(timeoutMs);
            int[] granted = t.getGrantedQos();
            for (int i = 0; granted != null && i < granted.length; i++) {
                if (granted[i] == 0x80) {
                    throw new MqttLinkException("the broker refused the subscription to " + filters.get(i), null);
                }
            }
        } catch (MqttException e) {
            throw new MqttLinkException("subscribing to " + filters + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained, Optional<byte[]> correlationData,
            PublishListener l) throws MqttLinkException {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        m.setRetained(retained);
        try {
            client.publish(topic, m, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    l.published();
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    l.failed(cause);
                }
            });
        } catch (MqttException e) {
            throw new MqttLinkException("publishing to " + topic + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void disconnect(long timeoutMs) {
        try {
            if (client.isConnected()) {
                client.disconnect(timeoutMs).waitForCompletion(timeoutMs);
            }
        } catch (MqttException e) {
            forceDisconnect();
        }
    }

    @Override
    public void close() {
        forceDisconnect();
        try {
            client.close(true);
        } catch (MqttException e) {
            // Closing a client that is already unusable has nothing left to release.
        }
    }

    private void forceDisconnect() {
        try {
            client.disconnectForcibly(0, 100, false);
        } catch (MqttException e) {
            // Already disconnected: nothing to force.
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
            Listener l = listener;
            if (l != null) {
                l.connectionLost(cause);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Listener l = listener;
            if (l != null) {
                l.messageArrived(new InboundMessage(topic, message.getPayload(), Optional.empty(), Optional.empty(),
                        message.isDuplicate()));
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Publish outcomes go to each publish's own listener.
        }
    }
}
