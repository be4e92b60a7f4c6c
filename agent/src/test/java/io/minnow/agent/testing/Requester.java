package io.minnow.agent.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A device in a test: a Paho MQTT 5 client that sends requests with a response topic and correlation data
 * and collects every reply, keyed by correlation data. Its session is persistent, so replies published while
 * its broker restarts are not lost. Thread-safe.
 */
public final class Requester implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final String clientId;
    private volatile MqttClient client;
    private volatile boolean closed;
    private final String replyTopic;
    private final MqttConnectionOptions options = new MqttConnectionOptions();
    private final Map<String, List<JsonNode>> replies = new ConcurrentHashMap<>();
    private final List<JsonNode> unmatched = new CopyOnWriteArrayList<>();

    public Requester(String url, String clientId) throws MqttException {
        this.url = url;
        this.clientId = clientId;
        replyTopic = "test/replies/" + clientId;
        options.setCleanStart(false);
        options.setSessionExpiryInterval(600L);
        connect();
        client.subscribe(replyTopic, 1);
    }

    /**
     * Connects a fresh Paho client to the same broker session. Paho's own automatic reconnect resends its
     * in-memory session state, which Mosquitto 2.0.11 answered with a protocol error after a restart.
     */
    private void connect() throws MqttException {
        MqttClient c = new MqttClient(url, clientId, new MemoryPersistence());
        c.setTimeToWait(5_000); // a publish caught in a broker restart fails instead of hanging
        c.setCallback(new Callback());
        c.connect(options);
        client = c;
    }

    private void reconnectUntilConnected() {
        while (!closed) {
            try {
                MqttClient old = client;
                try {
                    old.close(true);
                } catch (MqttException e) {
                    // already unusable
                }
                connect();
                return;
            } catch (MqttException e) {
                await().pollDelay(Duration.ofMillis(200)).until(() -> true); // broker still down: retry
            }
        }
    }

    private final class Callback implements org.eclipse.paho.mqttv5.client.MqttCallback {
        @Override
        public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
            if (!closed) {
                new Thread(Requester.this::reconnectUntilConnected, "reconnect-" + clientId).start();
            }
        }

        @Override
        public void mqttErrorOccurred(MqttException e) {}

        @Override
        public void messageArrived(String topic, MqttMessage m) throws Exception {
            JsonNode json = JSON.readTree(m.getPayload());
            byte[] c = m.getProperties() == null ? null : m.getProperties().getCorrelationData();
            // An agent on MQTT 3.1.1 sends no correlation data; its replies carry the request's id instead.
            String key = c != null ? new String(c, StandardCharsets.UTF_8)
                    : json.path("id").isTextual() ? json.path("id").asText() : null;
            if (key == null) {
                unmatched.add(json);
            } else {
                replies.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(json);
            }
        }

        @Override
        public void deliveryComplete(IMqttToken t) {}

        @Override
        public void connectComplete(boolean reconnect, String uri) {}

        @Override
        public void authPacketArrived(int code, MqttProperties p) {}
    }

    public String replyTopic() {
        return replyTopic;
    }

    /** Publishes a request at QoS 1 and returns once the broker acknowledged it. */
    public void send(String topic, String json, String correlation) throws MqttException {
        MqttProperties p = new MqttProperties();
        p.setResponseTopic(replyTopic);
        p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8), 1, false, p);
        client.publish(topic, m);
    }

    /** Publishes raw bytes with a response topic, as a misbehaving device would. */
    public void sendRaw(String topic, byte[] payload, String correlation) throws MqttException {
        MqttProperties p = new MqttProperties();
        p.setResponseTopic(replyTopic);
        p.setCorrelationData(correlation.getBytes(StandardCharsets.UTF_8));
        client.publish(topic, new MqttMessage(payload, 1, false, p));
    }

    /** Every message received for {@code correlation} so far. */
    public List<JsonNode> replies(String correlation) {
        return new ArrayList<>(replies.getOrDefault(correlation, List.of()));
    }

    /** Waits for the final message (a result or an error) for {@code correlation}. */
    public JsonNode awaitFinal(String correlation, Duration timeout) {
        await().atMost(timeout).until(() -> finalOf(correlation) != null);
        return finalOf(correlation);
    }

    private JsonNode finalOf(String correlation) {
        return replies(correlation).stream().filter(j -> !j.path("type").asText().equals("chunk")).findFirst()
                .orElse(null);
    }

    /** Counts of final messages per correlation. */
    public Map<String, Long> finalCounts() {
        Map<String, Long> out = new java.util.TreeMap<>();
        replies.forEach((k, v) -> out.put(k, v.stream().filter(j -> !j.path("type").asText().equals("chunk")).count()));
        return out;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() throws MqttException {
        closed = true;
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
