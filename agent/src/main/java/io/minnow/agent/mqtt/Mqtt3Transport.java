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
    /** Replies in flight before Paho refuses more; {@link OutboundQueue} keeps its own window below this. */
    static final int MAX_INFLIGHT = 1000;

    private final String serverUri;
    private final String clientId;
    private volatile MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private volatile Listener listener;
    private final boolean manualAcks;

    public Mqtt3Transport(ConnectSettings s) throws MqttLinkException {
        serverUri = s.serverUri();
        clientId = s.mqtt().clientId();
        manualAcks = s.mqtt().ackAfterReply();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);
        options.setKeepAliveInterval(s.mqtt().keepAliveS());
        options.setConnectionTimeout(PahoSupport.CONNECTION_TIMEOUT_S);
        options.setAutomaticReconnect(false); // MqttConnection reconnects, with jitter
        options.setMaxInflight(MAX_INFLIGHT);
        s.mqtt().credentials().ifPresent(c -> {
            options.setUserName(c.username());
            options.setPassword(c.password().toCharArray());
        });
        options.setSocketFactory(PahoSupport.socketFactory(s));
        options.setWill(s.willTopic(), s.willPayload(), 1, true);
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public boolean connect(long timeoutMs) throws MqttLinkException {
        // A fresh client per connection: the broker keeps the session, and replies that were in flight are
        // retried by OutboundQueue. Paho's own resend of its in-memory session after a broker restart made
        // Mosquitto drop the connection with a protocol error, again and again.
        MqttAsyncClient previous = client;
        if (previous != null) {
            release(previous);
        }
        try {
            MqttAsyncClient c = new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
            c.setManualAcks(manualAcks);
            c.setCallback(new Callback(c));
            client = c;
            IMqttToken t = c.connect(options);
            t.waitForCompletion(timeoutMs);
            return t.getSessionPresent();
        } catch (MqttException e) {
            int code = e.getReasonCode();
            throw PahoSupport.connectFailed(serverUri, code == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || code == MqttException.REASON_CODE_NOT_AUTHORIZED, e);
        }
    }

    @Override
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public void subscribe(List<String> filters, long timeoutMs) throws MqttLinkException {
        int[] qos = filters.stream().mapToInt(f -> 1).toArray();
        try {
            IMqttToken t = connected().subscribe(filters.toArray(String[]::new), qos);
            t.waitForCompletion(timeoutMs);
            PahoSupport.checkGranted(filters, t.getGrantedQos());
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
            connected().publish(topic, m, null, new IMqttActionListener() {
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
        MqttAsyncClient c = client;
        try {
            if (c != null && c.isConnected()) {
                c.disconnect(timeoutMs).waitForCompletion(timeoutMs);
            }
        } catch (MqttException e) {
            forceDisconnect(c);
        }
    }

    @Override
    public void close() {
        MqttAsyncClient c = client;
        if (c != null) {
            release(c);
        }
    }

    private MqttAsyncClient connected() throws MqttException {
        MqttAsyncClient c = client;
        if (c == null) {
            throw new MqttException(MqttException.REASON_CODE_CLIENT_NOT_CONNECTED);
        }
        return c;
    }

    private static void release(MqttAsyncClient c) {
        forceDisconnect(c);
        try {
            c.close(true);
        } catch (MqttException e) {
            // Closing a client that is already unusable has nothing left to release.
        }
    }

    private static void forceDisconnect(MqttAsyncClient c) {
        try {
            c.disconnectForcibly(0, 100, false);
        } catch (MqttException e) {
            // Already disconnected: nothing to force.
        }
    }

    private final class Callback implements MqttCallback {
        private final MqttAsyncClient client;

        Callback(MqttAsyncClient client) {
            this.client = client;
        }

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
                int id = message.getId();
                int qos = message.getQos();
                l.messageArrived(new InboundMessage(topic, message.getPayload(), Optional.empty(), Optional.empty(),
                        message.isDuplicate(),
                        PahoSupport.acknowledgement(manualAcks, () -> client.messageArrivedComplete(id, qos))));
            }
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Publish outcomes go to each publish's own listener.
        }
    }
}
