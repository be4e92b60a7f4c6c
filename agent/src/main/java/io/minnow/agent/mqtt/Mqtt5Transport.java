package io.minnow.agent.mqtt;

import io.minnow.agent.protocol.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link MqttTransport} over Eclipse Paho's MQTT 5 client. */
public final class Mqtt5Transport implements MqttTransport {
    private static final Logger LOG = LoggerFactory.getLogger(Mqtt5Transport.class);
    /** CONNACK reason codes (MQTT 5, 3.2.2.2) for refused credentials. */
    private static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    private static final int NOT_AUTHORIZED = 0x87;

    private final String serverUri;
    private final String clientId;
    private volatile MqttAsyncClient client;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private volatile Listener listener;
    private final boolean manualAcks;

    public Mqtt5Transport(ConnectSettings s) throws MqttLinkException {
        serverUri = s.serverUri();
        clientId = s.mqtt().clientId();
        manualAcks = s.mqtt().ackAfterReply();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(s.mqtt().sessionExpiryS());
        options.setKeepAliveInterval(s.mqtt().keepAliveS());
        options.setConnectionTimeout(PahoSupport.CONNECTION_TIMEOUT_S);
        options.setAutomaticReconnect(false); // MqttConnection reconnects, with jitter
        s.mqtt().credentials().ifPresent(c -> {
            options.setUserName(c.username());
            options.setPassword(c.password().getBytes(StandardCharsets.UTF_8));
        });
        options.setSocketFactory(PahoSupport.socketFactory(s));
        MqttMessage will = new MqttMessage(s.willPayload(), 1, true, new MqttProperties());
        options.setWill(s.willTopic(), will);
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
            throw PahoSupport.connectFailed(serverUri, code == BAD_USER_NAME_OR_PASSWORD || code == NOT_AUTHORIZED, e);
        }
    }

    @Override
    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public void subscribe(List<String> filters, long timeoutMs) throws MqttLinkException {
        MqttSubscription[] subs = filters.stream().map(f -> new MqttSubscription(f, 1)).toArray(MqttSubscription[]::new);
        try {
            IMqttToken t = connected().subscribe(subs);
            t.waitForCompletion(timeoutMs);
            PahoSupport.checkGranted(filters, t.getReasonCodes());
        } catch (MqttException e) {
            throw new MqttLinkException("subscribing to " + filters + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained, Optional<byte[]> correlationData,
            PublishListener l) throws MqttLinkException {
        MqttProperties props = new MqttProperties();
        correlationData.ifPresent(props::setCorrelationData);
        MqttMessage m = new MqttMessage(payload, 1, retained, props);
        try {
            connected().publish(topic, m, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    // Paho completes a PUBACK that refuses the message (e.g. 0x87, not authorized) as a success.
                    // Sending it again would be refused again, so it counts as done, but an operator must see it.
                    int[] codes = token.getReasonCodes();
                    if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                        LOG.warn("the broker refused the publish to {} (reason code 0x{}); it is not retried",
                                topic, Integer.toHexString(codes[0]));
                    }
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
            throw new MqttException(org.eclipse.paho.mqttv5.client.MqttClientException.REASON_CODE_CLIENT_NOT_CONNECTED);
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
        public void disconnected(MqttDisconnectResponse response) {
            Listener l = listener;
            if (l != null) {
                l.connectionLost(response.getException() != null ? response.getException()
                        : new MqttLinkException("the broker disconnected: " + response.getReasonString()
                                + " (reason code " + response.getReturnCode() + ")", null));
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            Listener l = listener;
            if (l != null) {
                l.connectionLost(exception);
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Listener l = listener;
            if (l != null) {
                MqttProperties p = message.getProperties();
                int id = message.getId();
                int qos = message.getQos();
                l.messageArrived(new InboundMessage(topic, message.getPayload(),
                        Optional.ofNullable(p == null ? null : p.getResponseTopic()),
                        Optional.ofNullable(p == null ? null : p.getCorrelationData()), message.isDuplicate(),
                        PahoSupport.acknowledgement(manualAcks, () -> client.messageArrivedComplete(id, qos))));
            }
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Publish outcomes go to each publish's own listener.
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // MqttConnection drives connecting and learns the outcome from connect().
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication is configured.
        }
    }
}
