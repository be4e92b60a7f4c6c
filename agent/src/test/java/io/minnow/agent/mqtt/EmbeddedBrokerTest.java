package io.minnow.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minnow.agent.Agent;
import io.minnow.agent.testing.Cli;
import io.minnow.agent.testing.RealModel;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** With no broker configured the agent runs its own MQTT 3.1.1 broker, and the Mosquitto clients reach it. */
class EmbeddedBrokerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void servesMqtt311ClientsThroughTheEmbeddedBrokerWhenNoBrokerIsConfigured(@TempDir Path dir) throws Exception {
        int port = Mosquitto.freePort();
        DeviceConfig c = ConfigLoader.parse("device_id: quick\nmqtt: {embedded_port: " + port + "}\nweb: {enabled: false}", "test");
        Agent agent = Agent.create(c, "test model", () -> RealModel.open(dir), new SimpleMeterRegistry());
        agent.start();
        try {
            assertThat(agent.brokerUrl()).isEqualTo("tcp://127.0.0.1:" + port);
            Process sub = Cli.start("mosquitto_sub", "-h", "127.0.0.1", "-p", Integer.toString(port), "-V", "mqttv311",
                    "-q", "1", "-t", "minnow/quick/status", "-t", "me/replies", "-C", "2", "-W", "15");
            try (BufferedReader out = new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8))) {
                assertThat(JSON.readTree(out.readLine()).path("state").asText()).isEqualTo("online");
                Cli.Result pub = Cli.run(Duration.ofSeconds(10), "mosquitto_pub", "-h", "127.0.0.1", "-p",
                        Integer.toString(port), "-V", "mqttv311", "-q", "1", "-t", "minnow/quick/request",
                        "-m", "{\"id\":\"1\",\"reply_to\":\"me/replies\",\"prompt\":\"hello\",\"max_tokens\":5}");
                assertThat(pub.exit()).as(pub.err()).isZero();
                JsonNode reply = JSON.readTree(out.readLine());
                assertThat(reply.path("id").asText()).isEqualTo("1");
                assertThat(reply.path("type").asText()).isEqualTo("final");
                assertThat(reply.path("usage").path("completion_tokens").asInt()).isBetween(1, 5);
            } finally {
                sub.destroy();
            }
        } finally {
            agent.stop();
        }
    }
}
