package io.minnow.simulator;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;

/** Reads an agent's retained status once. Stateless. */
final class StatusProbe {
    private StatusProbe() {}

    /** Whether the retained status on {@code topic} says online; false when there is none within a second. */
    static boolean online(String brokerUrl, String topic) throws Exception {
        MqttClient c = new MqttClient(brokerUrl, "sim-status-" + System.nanoTime(), new MemoryPersistence());
        try {
            CompletableFuture<String> status = new CompletableFuture<>();
            // A callback, not subscribe(topic, qos, listener): that overload of Paho 1.2.5 calls itself forever.
            c.setCallback(new org.eclipse.paho.mqttv5.client.MqttCallback() {
                @Override
                public void disconnected(org.eclipse.paho.mqttv5.client.MqttDisconnectResponse r) {
                }

                @Override
                public void mqttErrorOccurred(org.eclipse.paho.mqttv5.common.MqttException e) {
                }

                @Override
                public void messageArrived(String t, org.eclipse.paho.mqttv5.common.MqttMessage m) {
                    status.complete(new String(m.getPayload(), StandardCharsets.UTF_8));
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
            c.connect();
            c.subscribe(topic, 1);
            return status.get(1, TimeUnit.SECONDS).contains("\"online\"");
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } finally {
            if (c.isConnected()) {
                c.disconnect();
            }
            c.close();
        }
    }
}
