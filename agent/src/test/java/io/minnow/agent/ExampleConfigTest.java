package io.minnow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import io.minnow.config.MqttVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The sample configuration in docs/ stays valid. */
class ExampleConfigTest {

    @Test
    void theDocumentedExampleConfigurationIsValid() throws Exception {
        DeviceConfig c = ConfigLoader.load(Path.of("..", "docs", "agent.example.yaml"));
        assertThat(c.deviceId()).isEqualTo("pump-7");
        assertThat(c.mqtt().version()).isEqualTo(MqttVersion.V5);
        assertThat(c.mqtt().topicPrefix()).isEqualTo("plant4/minnow");
        assertThat(c.scheduler().maxQueuedPerClient()).isEqualTo(16);
        assertThat(c.ota().stateDir()).isEqualTo(Path.of("/var/lib/minnow"));
        assertThat(c.ota().healthMaxLatencyRatio()).isEqualTo(3.0);
        assertThat(c.web().port()).isEqualTo(8080);
        assertThat(c.web().publicPages()).containsExactly(io.minnow.config.WebConfig.PublicPage.HEALTH);
    }
}
