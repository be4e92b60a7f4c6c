package io.minnow.ota.admin;

import io.minnow.ota.delivery.OtaTopics;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import picocli.CommandLine.Option;

/** The fleet broker minnow-admin talks to (publish, watch): its URL and the topic prefix of the boards. */
final class BrokerOptions {
    @Option(names = "--broker", required = true, description = "the fleet's MQTT broker, e.g. tcp://broker:1883")
    String url;

    @Option(names = "--prefix", defaultValue = "minnow", description = "the boards' mqtt.topic_prefix (default: ${DEFAULT-VALUE})")
    String prefix;

    @Option(names = "--username", description = "MQTT user name, if the broker asks for one")
    String username;

    @Option(names = "--password-env", description = "name of the environment variable holding the MQTT password")
    String passwordEnv;

    OtaTopics topics() {
        return new OtaTopics(prefix);
    }

    /** A connected MQTT 5 client with a clean, throwaway session. */
    MqttClient connect(String role) throws MqttException {
        MqttClient c = new MqttClient(url, "minnow-admin-" + role + "-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setConnectionTimeout(10);
        if (username != null) {
            o.setUserName(username);
        }
        if (passwordEnv != null) {
            String pw = System.getenv(passwordEnv);
            if (pw == null) {
                throw new IllegalArgumentException("--password-env " + passwordEnv + ": the variable is not set");
            }
            o.setPassword(pw.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        c.connect(o);
        return c;
    }
}
