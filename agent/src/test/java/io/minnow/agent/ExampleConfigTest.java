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
        assertThat(c.gpio().led()).hasValue(new io.minnow.config.GpioConfig.Led(17, true));
    }

    @Test
    void theExampleNamesEverySetting() throws Exception {
        String example = java.nio.file.Files.readString(Path.of("..", "docs", "agent.example.yaml"));
        var settings = ConfigLoader.read(new io.minnow.config.ConfigSources(java.util.Optional.empty(),
                java.util.Map.of(), java.util.List.of(), io.minnow.config.board.BoardFiles.system())).settings();
        for (var s : settings) {
            String leaf = s.path().substring(s.path().lastIndexOf('.') + 1);
            assertThat(example).as(s.path() + " is documented").containsPattern("(?m)^[ #]*" + leaf + ":");
        }
    }
}
