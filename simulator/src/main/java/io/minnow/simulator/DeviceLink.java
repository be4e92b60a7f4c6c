package io.minnow.simulator;

import io.minnow.agent.mqtt.NoDelaySocketFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * A virtual device's MQTT connection, MQTT 5 or 3.1.1, with a persistent session so replies published while
 * it reconnects wait at the broker. Reconnects every 300 ms after a loss, with a fresh Paho client on the same
 * session. Thread-safe.
 */
abstract class DeviceLink implements AutoCloseable {
    private static final long RETRY_MS = 300;

    protected final String brokerUrl;
    protected final String clientId;
    protected final BiConsumer<String, byte[]> onMessage;
    private final ScheduledExecutorService timer;
    private volatile String subscription;
    private volatile boolean closed;

    DeviceLink(String brokerUrl, String clientId, BiConsumer<String, byte[]> onMessage, ScheduledExecutorService timer) {
        this.brokerUrl = brokerUrl;
        this.clientId = clientId;
        this.onMessage = onMessage;
        this.timer = timer;
    }

    /** Connects and subscribes to {@code replyTopic}; throws if the broker cannot be reached now. */
    void connect(String replyTopic) throws Exception {
        subscription = replyTopic;
        open(replyTopic);
    }

    /** Publishes at QoS 1; {@code acked} runs on the broker's PUBACK, {@code failed} if it cannot be sent. */
    abstract void publish(String topic, byte[] payload, String responseTopic, String correlation, Runnable acked,
            Runnable failed);

    protected abstract void open(String replyTopic) throws Exception;

    protected abstract void release();

    /** Called by subclasses when the connection dropped. */
    protected void lost() {
        if (!closed) {
            timer.schedule(this::reconnect, RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void reconnect() {
        if (closed) {
            return;
        }
        try {
            release();
            open(subscription);
        } catch (Exception e) {
            lost();
        }
    }

    @Override
    public void close() {
        closed = true;
        release();
    }

    /** MQTT 5: the response topic and correlation data name where the reply goes. */
    static final class V5 extends DeviceLink {
        private volatile org.eclipse.paho.mqttv5.client.MqttAsyncClient client;

        V5(String brokerUrl, String clientId, BiConsumer<String, byte[]> onMessage, ScheduledExecutorService timer) {
            super(brokerUrl, clientId, onMessage, timer);
        }

        @Override
        protected void open(String replyTopic) throws Exception {
            var c = new org.eclipse.paho.mqttv5.client.MqttAsyncClient(brokerUrl, clientId,
                    new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
            c.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
                @Override
                public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
                    lost();
                }

                @Override
                public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.mqttv5.common.MqttMessage m) {
                    onMessage.accept(topic, m.getPayload());
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.mqttv5.client.IMqttToken t) {
                }

                @Override
                public void connectComplete(boolean reconnect, String uri) {
                }

                @Override
                public void authPacketArrived(int code, org.eclipse.paho.mqttv5.common.packet.MqttProperties p) {
                }
            });
            var o = new org.eclipse.paho.mqttv5.client.MqttConnectionOptions();
            o.setCleanStart(false);
            o.setSessionExpiryInterval(3600L);
            o.setSocketFactory(new NoDelaySocketFactory());
            c.connect(o).waitForCompletion(10_000);
            c.subscribe(replyTopic, 1).waitForCompletion(10_000);
            client = c;
        }

        @Override
        void publish(String topic, byte[] payload, String responseTopic, String correlation, Runnable acked,
                Runnable failed) {
            var p = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
            p.setResponseTopic(responseTopic);
            p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
            try {
                client.publish(topic, new org.eclipse.paho.mqttv5.common.MqttMessage(payload, 1, false, p), null,
                        new org.eclipse.paho.mqttv5.client.MqttActionListener() {
                            @Override
                            public void onSuccess(org.eclipse.paho.mqttv5.client.IMqttToken t) {
                                acked.run();
                            }

                            @Override
                            public void onFailure(org.eclipse.paho.mqttv5.client.IMqttToken t, Throwable e) {
                                failed.run();
                            }
                        });
            } catch (org.eclipse.paho.mqttv5.common.MqttException | RuntimeException e) {
                failed.run();
            }
        }

        @Override
        protected void release() {
            var c = client;
            if (c != null) {
                try {
                    c.disconnectForcibly(0, 100, false);
                } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                    // already disconnected
                }
                try {
                    c.close(true);
                } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                    // nothing left to release
                }
            }
        }
    }

    /** MQTT 3.1.1: the payload's reply_to and id name where the reply goes. */
    static final class V3 extends DeviceLink {
        private volatile org.eclipse.paho.client.mqttv3.MqttAsyncClient client;

        V3(String brokerUrl, String clientId, BiConsumer<String, byte[]> onMessage, ScheduledExecutorService timer) {
            super(brokerUrl, clientId, onMessage, timer);
        }

        @Override
        protected void open(String replyTopic) throws Exception {
            var c = new org.eclipse.paho.client.mqttv3.MqttAsyncClient(brokerUrl, clientId,
                    new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
            c.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    lost();
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m) {
                    onMessage.accept(topic, m.getPayload());
                }

                @Override
                public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken t) {
                }
            });
            var o = new org.eclipse.paho.client.mqttv3.MqttConnectOptions();
            o.setMqttVersion(org.eclipse.paho.client.mqttv3.MqttConnectOptions.MQTT_VERSION_3_1_1);
            o.setCleanSession(false);
            o.setMaxInflight(1000);
            o.setSocketFactory(new NoDelaySocketFactory());
            c.connect(o).waitForCompletion(10_000);
            c.subscribe(replyTopic, 1).waitForCompletion(10_000);
            client = c;
        }

        @Override
        void publish(String topic, byte[] payload, String responseTopic, String correlation, Runnable acked,
                Runnable failed) {
            var m = new org.eclipse.paho.client.mqttv3.MqttMessage(payload);
            m.setQos(1);
            try {
                client.publish(topic, m, null, new org.eclipse.paho.client.mqttv3.IMqttActionListener() {
                    @Override
                    public void onSuccess(org.eclipse.paho.client.mqttv3.IMqttToken t) {
                        acked.run();
                    }

                    @Override
                    public void onFailure(org.eclipse.paho.client.mqttv3.IMqttToken t, Throwable e) {
                        failed.run();
                    }
                });
            } catch (org.eclipse.paho.client.mqttv3.MqttException | RuntimeException e) {
                failed.run();
            }
        }

        @Override
        protected void release() {
            var c = client;
            if (c != null) {
                try {
                    c.disconnectForcibly(0, 100, false);
                } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                    // already disconnected
                }
                try {
                    c.close(true);
                } catch (org.eclipse.paho.client.mqttv3.MqttException e) {
                    // nothing left to release
                }
            }
        }
    }
}
