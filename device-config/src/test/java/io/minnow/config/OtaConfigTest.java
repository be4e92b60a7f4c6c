package io.minnow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtaConfigTest {
    @Test
    void defaultsPutTheStoreInTheHomeDirectoryWithoutATrustRoot() {
        OtaConfig ota = ConfigLoader.defaults().ota();
        assertThat(ota.stateDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".minnow"));
        assertThat(ota.rootKeyFile()).isEmpty();
        assertThat(ota.releasesKept()).isEqualTo(3);
        assertThat(ota.healthWindowMs()).isEqualTo(60_000);
        assertThat(ota.healthMaxErrorRate()).isEqualTo(0.25);
    }

    @Test
    void readsEverySetting(@TempDir Path dir) throws Exception {
        Path root = Files.writeString(dir.resolve("root.pub"), "x");
        OtaConfig ota = ConfigLoader.parse("""
                ota:
                  state_dir: %s
                  root_key_file: %s
                  releases_kept: 5
                  health: {window_ms: 2000, min_requests: 3, max_error_rate: 0.1, max_latency_ratio: 2.5}
                """.formatted(dir.resolve("state"), root), "test").ota();
        assertThat(ota).isEqualTo(new OtaConfig(dir.resolve("state"), java.util.Optional.of(root), 5, 2000, 3, 0.1, 2.5));
    }

    @Test
    void namesEveryBadSetting(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "");
        assertThatThrownBy(() -> ConfigLoader.parse("""
                ota:
                  state_dir: %s
                  root_key_file: %s
                  releases_kept: 1
                  health: {max_error_rate: 1.5, max_latency_ratio: fast, window: 3}
                  color: blue
                """.formatted(file, dir.resolve("none.pub")), "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ota.state_dir: \"" + file + "\" is not valid; expected a directory")
                .hasMessageContaining("ota.root_key_file:")
                .hasMessageContaining("ota.releases_kept: 1 is not valid; expected an integer from 2 to 20")
                .hasMessageContaining("ota.health.max_error_rate: 1.5 is not valid; expected a number from 0.0 to 1.0")
                .hasMessageContaining("ota.health.max_latency_ratio: fast is not valid")
                .hasMessageContaining("ota.health.window: unknown setting")
                .hasMessageContaining("ota.color: unknown setting");
    }
}
