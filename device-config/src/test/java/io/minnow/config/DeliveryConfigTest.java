package io.minnow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryConfigTest {
    @Test
    void defaultsLimitTheRateAndGiveUpAfterAnHour() {
        DeliveryConfig d = ConfigLoader.defaults().ota().delivery();
        assertThat(d).isEqualTo(DeliveryConfig.defaults());
        assertThat(d.rateLimitBytesPerSecond()).isEqualTo(1L << 20);
        assertThat(d.giveUpAfterMs()).isEqualTo(3_600_000);
        assertThat(d.caFile()).isEmpty();
    }

    @Test
    void readsEverySetting(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        DeliveryConfig d = ConfigLoader.parse("""
                ota:
                  delivery:
                    rate_limit_bytes_per_s: 0
                    give_up_after_ms: 60000
                    retry_initial_ms: 50
                    retry_max_ms: 400
                    disk_margin_bytes: 1024
                    max_redirects: 2
                    ca_file: %s
                    request_timeout_ms: 5000
                """.formatted(ca), "test").ota().delivery();
        assertThat(d).isEqualTo(new DeliveryConfig(0, 60_000, 50, 400, 1024, 2, Optional.of(ca), 5000));
    }

    @Test
    void namesEveryBadSetting(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                ota:
                  delivery:
                    rate_limit_bytes_per_s: -1
                    give_up_after_ms: 10
                    retry_initial_ms: 500
                    retry_max_ms: 100
                    max_redirects: 99
                    ca_file: %s
                    speed: fast
                """.formatted(dir.resolve("none.pem")), "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ota.delivery.rate_limit_bytes_per_s: -1 is not valid")
                .hasMessageContaining("ota.delivery.give_up_after_ms: 10 is not valid")
                .hasMessageContaining("ota.delivery.retry_max_ms: 100 is not valid; expected at least retry_initial_ms (500)")
                .hasMessageContaining("ota.delivery.max_redirects: 99 is not valid")
                .hasMessageContaining("ota.delivery.ca_file:")
                .hasMessageContaining("ota.delivery.speed: unknown setting");
    }
}
