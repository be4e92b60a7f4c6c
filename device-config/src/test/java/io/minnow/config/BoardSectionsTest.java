package io.minnow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The identity, logging, GPIO and health sections. */
class BoardSectionsTest {

    @Test
    void defaultsTouchNoGpioAndSampleHealth() throws ConfigException {
        DeviceConfig c = ConfigLoader.parse("", "test");
        assertThat(c.group()).isEqualTo("default");
        assertThat(c.gpio().used()).isFalse();
        assertThat(c.health()).isEqualTo(new HealthConfig(true, 10_000, 75, 10, 10));
        assertThat(c.logging()).isEqualTo(new LoggingConfig(LogLevel.INFO, LogLevel.WARN, Optional.empty()));
    }

    @Test
    void readsTheBoardSections(@TempDir Path dir) throws ConfigException {
        DeviceConfig c = ConfigLoader.parse("""
                group: line-3
                logging: {level: debug, libraries_level: error, file: %s}
                gpio:
                  led: {pin: 17, active_high: false}
                  button: {pin: 27, active_low: false, debounce_ms: 20, long_press_ms: 2000}
                health: {enabled: false, interval_s: 5, hot_c: 70.5, disk_low_percent: 5, memory_low_percent: 15}
                """.formatted(dir.resolve("minnow.log")), "test");
        assertThat(c.group()).isEqualTo("line-3");
        assertThat(c.logging()).isEqualTo(new LoggingConfig(LogLevel.DEBUG, LogLevel.ERROR,
                Optional.of(dir.resolve("minnow.log"))));
        assertThat(c.gpio()).isEqualTo(new GpioConfig(Optional.of(new GpioConfig.Led(17, false)), Optional.of(new GpioConfig.Button(27, false, 20, 2000))));
        assertThat(c.health()).isEqualTo(new HealthConfig(false, 5_000, 70.5, 5, 15));
    }

    @Test
    void refusesABadValueInEachBoardSectionWithItsPath(@TempDir Path dir) throws Exception {
        Path readOnly = Files.writeString(dir.resolve("not-a-directory"), "x"); // root may write anywhere
        assertThatThrownBy(() -> ConfigLoader.parse("""
                group: "line 3"
                logging: {level: loud, file: %s/minnow.log}
                gpio:
                  led: {pin: 60, active_high: 1}
                  button: {pin: 17, debounce_ms: 500, long_press_ms: 500, double_click: true}
                health: {hot_c: 500, interval_s: 0}
                """.formatted(readOnly), "agent.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "group: \"line 3\" is not valid; expected 1 to 64 letters, digits, '-' or '_'",
                        "logging.level: \"loud\" is not valid; expected one of error, warn, info, debug, trace",
                        "logging.file: \"" + readOnly + "/minnow.log\" is not valid; expected a file the agent can"
                                + " write, in an existing directory it can write to",
                        "gpio.led.pin: 60 is not valid; expected an integer from 0 to 53",
                        "gpio.led.active_high: 1 is not valid; expected true or false",
                        "gpio.button.long_press_ms: 500 is not valid; expected more than gpio.button.debounce_ms (500)",
                        "gpio.button.double_click: unknown setting; expected one of active_low, debounce_ms,"
                                + " long_press_ms, pin",
                        "health.interval_s: 0 is not valid; expected an integer from 1 to 3600",
                        "health.hot_c: 500 is not valid; expected a number from 30 to 120"));
    }

    @Test
    void refusesTheSamePinForLedAndButton() {
        assertThatThrownBy(() -> ConfigLoader.parse("gpio: {led: {pin: 17}, button: {pin: 17}}", "test"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "gpio.button.pin: 17 is not valid; expected a pin other than gpio.led.pin's"));
    }

    @Test
    void aConfiguredDeviceIdWinsOverTheBoard() throws ConfigException {
        assertThat(ConfigLoader.parse("device_id: pump-7", "test").deviceId()).isEqualTo("pump-7");
    }
}
