package io.minnow.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minnow.agent.mqtt.NoDelaySocketFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * One simulated device: an MQTT 5 client that sends a request, waits for its final reply, and sends the
 * next (closed loop, one request in flight). Replies are matched by correlation data. Thread-safe.
 */
final class VirtualDevice implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one finished request reports: its round trip and the agent's own timings. */
    record Outcome(String type, String code, long roundTripNanos, JsonNode reply) {}

    private final MqttAsyncClient client;
    private final String name;
    private final String replyTopic;
    private final String requestTopic;
    private final byte[] request;
    private final Consumer<Outcome> sink;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean running;

    VirtualDevice(String brokerUrl, String name, String requestTopic, String requestJson, Consumer<Outcome> sink)
            throws MqttException {
        this.name = name;
        this.replyTopic = "sim/" + name + "/replies";
        this.requestTopic = requestTopic;
        this.request = requestJson.getBytes(StandardCharsets.UTF_8);
        this.sink = sink;
        client = new MqttAsyncClient(brokerUrl, name, new MemoryPersistence());
        client.setCallback(new Callback());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSocketFactory(new NoDelaySocketFactory());
        client.connect(o).waitForCompletion(10_000);
        client.subscribe(replyTopic, 1).waitForCompletion(10_000);
    }

    /** Starts the closed loop: each final reply triggers the next request until {@link #stop}. */
    void start() throws MqttException {
        running = true;
        send();
    }

    void stop() {
        running = false;
    }

    /** Requests sent whose final reply has not arrived. */
    int outstanding() {
        return sentAt.size();
    }

    private void send() throws MqttException {
        String correlation = name + "-" + sequence.getAndIncrement();
        MqttProperties p = new MqttProperties();
        p.setResponseTopic(replyTopic);
        p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        sentAt.put(correlation, System.nanoTime());
        client.publish(requestTopic, new MqttMessage(request, 1, false, p));
    }

    @Override
    public void close() throws MqttException {
        client.disconnect().waitForCompletion(5_000);
        client.close();
    }

    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) throws Exception {
            long now = System.nanoTime();
            JsonNode reply = JSON.readTree(message.getPayload());
            String type = reply.path("type").asText();
            if (type.equals("chunk")) {
                return;
            }
            String correlation = new String(message.getProperties().getCorrelationData(), StandardCharsets.UTF_8);
            Long t0 = sentAt.remove(correlation);
            sink.accept(new Outcome(type, reply.path("error").path("code").asText(""),
                    t0 == null ? -1 : now - t0, reply));
            if (running) {
                send();
            }
        }

        // A device that loses its broker stops its loop; the benchmark must say so, not just run slower.
        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (running) {
                System.err.printf("device %s lost the broker (%s); its requests in flight stay unanswered%n", name,
                        response.getException() != null ? response.getException().getMessage() : response.getReasonString());
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            System.err.printf("device %s: MQTT error %s%n", name, exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    static long millisToNanos(double ms) {
        return (long) (ms * TimeUnit.MILLISECONDS.toNanos(1));
    }
}
