package io.minnow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.config.board.BoardFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OverridesTest {
    @TempDir
    Path dir;

    private LoadedConfig read(String yaml, Map<String, String> env, String... sets) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.yaml"), yaml);
        return ConfigLoader.read(new ConfigSources(Optional.of(file), env, List.of(sets), BoardFiles.under(dir)));
    }

    @Test
    void precedenceIsDefaultThenFileThenEnvThenFlag() throws Exception {
        LoadedConfig c = read("""
                device_id: from-file
                mqtt: {broker_url: 'tcp://file:1883', keep_alive_s: 20}
                scheduler: {queue_size: 8}
                """, Map.of("MINNOW_MQTT_BROKER_URL", "tcp://env:1883", "MINNOW_DEVICE_ID", "from-env"),
                "device_id=from-flag", "mqtt.keep_alive_s=40");
        assertThat(c.config().deviceId()).isEqualTo("from-flag");
        assertThat(c.config().mqtt().brokerUrl()).hasValueSatisfying(u -> assertThat(u.getHost()).isEqualTo("env"));
        assertThat(c.config().mqtt().keepAliveS()).isEqualTo(40);
        assertThat(c.config().scheduler().queueSize()).isEqualTo(8);
        assertThat(c.config().scheduler().workers()).isEqualTo(1);

        assertThat(c.setting("device_id").origin()).hasToString("flag --set");
        assertThat(c.setting("mqtt.broker_url").origin()).hasToString("env MINNOW_MQTT_BROKER_URL");
        assertThat(c.setting("mqtt.keep_alive_s").value()).isEqualTo("40");
        assertThat(c.setting("scheduler.queue_size").origin()).hasToString("file " + dir.resolve("agent.yaml"));
        assertThat(c.setting("scheduler.workers").origin()).isEqualTo(Origin.DEFAULT);
    }

    @Test
    void aLaterFlagWinsAndAnEmptyValueRestoresTheDefault() throws Exception {
        LoadedConfig c = read("scheduler: {queue_size: 8}\n", Map.of(), "scheduler.workers=2", "scheduler.workers=3",
                "scheduler.queue_size=");
        assertThat(c.config().scheduler().workers()).isEqualTo(3);
        assertThat(c.config().scheduler().queueSize()).isEqualTo(64);
    }

    @Test
    void overriddenValuesAreValidatedLikeFileValuesAndNameTheirSource() {
        assertThatThrownBy(() -> read("", Map.of("MINNOW_SCHEDULER_WORKERS", "many"), "mqtt.keep_alive_s=2"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "mqtt.keep_alive_s: 2 is not valid; expected an integer from 5 to 3600 (from flag --set)",
                        "scheduler.workers: \"many\" is not valid; expected an integer from 1 to 64"
                                + " (from env MINNOW_SCHEDULER_WORKERS)"));
    }

    @Test
    void valuesThatOnlyLookLikeNumbersKeepTheirText() throws Exception {
        LoadedConfig c = read("", Map.of(), "device_id=007", "group=2024");
        assertThat(c.config().deviceId()).isEqualTo("007");
        assertThat(c.config().group()).isEqualTo("2024");
        assertThat(c.config().mqtt().clientId()).isEqualTo("minnow-agent-007");
    }

    @Test
    void refusesUnknownVariablesAndFlagsAndMalformedFlags() {
        assertThatThrownBy(() -> read("", Map.of("MINNOW_MQTT_BROKR_URL", "tcp://x:1", "MINNOW_JAVA_OPTS", "-Xmx64m",
                "MINNOW_ARM_EMULATION", "required", "HOME", "/root"), "mqt.broker_url=tcp://x:1", "no-equals-sign"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "MINNOW_MQTT_BROKR_URL: no setting has this name; expected a variable `minnow config show`"
                                + " lists, like MINNOW_MQTT_BROKER_URL for mqtt.broker_url",
                        "--set mqt.broker_url: unknown setting; expected a path `minnow config show` lists, like"
                                + " mqtt.broker_url",
                        "--set no-equals-sign: \"no-equals-sign\" is not valid; expected PATH=VALUE, like"
                                + " mqtt.broker_url=tcp://broker:1883"));
    }

    @Test
    void variablesOutsideEverySectionBelongToOtherTools() throws Exception {
        LoadedConfig c = read("", Map.of("MINNOW_JAVA_OPTS", "-Xmx64m", "MINNOW_CDS_ARCHIVE_DIR", "/var/cache/minnow",
                "MINNOW_ARM_EMULATION", "required"));
        assertThat(c.settings()).noneMatch(s -> s.origin().kind() == Origin.Kind.ENV);
    }

    @Test
    void refusesAFlagWhereTheFileHasAScalarInsteadOfAMapping() {
        assertThatThrownBy(() -> read("mqtt: 3\n", Map.of(), "mqtt.keep_alive_s=10"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).first().asString()
                        .isEqualTo("--set mqtt.keep_alive_s: cannot set mqtt.keep_alive_s because the file sets mqtt"
                                + " to 3; expected a mapping there"));
    }

    @Test
    void everySettingHasAnEnvironmentVariable() throws Exception {
        LoadedConfig c = read("", Map.of());
        assertThat(c.settings()).extracting(Setting::envName).contains("MINNOW_MQTT_BROKER_URL",
                "MINNOW_GPIO_BUTTON_LONG_PRESS_MS", "MINNOW_HEALTH_HOT_C", "MINNOW_LOGGING_LEVEL",
                "MINNOW_MQTT_PASSWORD_FILE", "MINNOW_GROUP");
        for (Setting s : c.settings()) {
            LoadedConfig again = read("", Map.of(s.envName(), ""));
            assertThat(again.setting(s.path()).origin().kind()).as(s.path()).isEqualTo(Origin.Kind.ENV);
        }
    }

    @Test
    void reportsAPortSomethingElseHolds() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            LoadedConfig c = read("", Map.of(), "mqtt.embedded_port=" + taken.getLocalPort());
            assertThat(c.checkPorts()).singleElement().asString()
                    .startsWith("mqtt.embedded_port: " + taken.getLocalPort() + " is not valid; expected a port nothing"
                            + " else listens on (127.0.0.1:" + taken.getLocalPort() + " is in use")
                    .endsWith("(from flag --set)");
        }
        int free;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            free = s.getLocalPort();
        }
        assertThat(read("", Map.of(), "mqtt.embedded_port=" + free).checkPorts()).isEmpty();
        assertThat(read("mqtt: {broker_url: 'tcp://b:1883'}", Map.of()).ports())
                .as("no embedded broker, no port to listen on").isEmpty();
    }
}
