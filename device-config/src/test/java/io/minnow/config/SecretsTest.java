package io.minnow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.config.board.BoardFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @TempDir
    Path dir;

    private Path file(String name, String text, String mode) throws Exception {
        Path p = Files.writeString(dir.resolve(name), text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        return p;
    }

    private LoadedConfig read(Path config, Map<String, String> env, String... sets) throws ConfigException {
        return ConfigLoader.read(new ConfigSources(Optional.of(config), env, List.of(sets), BoardFiles.under(dir)));
    }

    @Test
    void readsThePasswordFromAFileAndMasksIt() throws Exception {
        Path pw = file("pw", "hunter2\n", "rw-r-----");
        Path config = file("agent.yaml", """
                mqtt: {broker_url: 'tcp://b:1883', username: pump, password_file: %s}
                """.formatted(pw), "rw-r--r--");
        LoadedConfig c = read(config, Map.of());
        assertThat(c.config().mqtt().credentials()).hasValue(new Credentials("pump", "hunter2"));
        assertThat(c.setting("mqtt.password").value()).isEqualTo(Setting.MASK);
        assertThat(c.setting("mqtt.password").secret()).isTrue();
        assertThat(c.setting("mqtt.password").origin()).hasToString("file " + pw);
        assertThat(c.settings().toString()).doesNotContain("hunter2");
        assertThat(c.config().toString()).doesNotContain("hunter2");
    }

    @Test
    void refusesSecretAndKeyFilesEveryUserCanRead() throws Exception {
        Path pw = file("pw", "hunter2", "rw-r--r--");
        Path ca = file("ca.pem", "x", "rw-r--r--");
        Path cert = file("c.pem", "x", "rw-r--r--");
        Path key = file("k.pem", "x", "rw-r--r--");
        Path config = file("agent.yaml", """
                mqtt:
                  broker_url: ssl://b:8883
                  username: pump
                  password_file: %s
                  tls: {ca_file: %s, cert_file: %s, key_file: %s}
                """.formatted(pw, ca, cert, key), "rw-------");
        assertThatThrownBy(() -> read(config, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "mqtt.password_file: \"" + pw + "\" is not valid; expected a file only its owner and group"
                                + " can read (every user can read it now: chmod 600 or 640 it)",
                        "mqtt.tls.key_file: \"" + key + "\" is not valid; expected a file only its owner and group"
                                + " can read (every user can read it now: chmod 600 or 640 it)"));
    }

    @Test
    void refusesAnUnreadableSecretFile() throws Exception {
        Path config = file("agent.yaml", "mqtt: {broker_url: 'tcp://b:1883', username: u, password_file: "
                + dir.resolve("missing") + "}\n", "rw-------");
        assertThatThrownBy(() -> read(config, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("mqtt.password_file: \"" + dir.resolve("missing")
                                + "\" is not valid; expected a readable file"));
    }

    @Test
    void refusesAnInlinePasswordInAFileEveryUserCanReadButTakesItFromAPrivateOne() throws Exception {
        String yaml = "mqtt: {broker_url: 'tcp://b:1883', username: u, password: hunter2}\n";
        Path open = file("open.yaml", yaml, "rw-r--r--");
        assertThatThrownBy(() -> read(open, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "mqtt.password: ******** is not valid; expected mqtt.password_file (a file only the agent"
                                + " can read), or chmod 640 the configuration file: every user can read it now"))
                .hasMessageNotContaining("hunter2");
        Path closed = file("closed.yaml", yaml, "rw-r-----");
        assertThat(read(closed, Map.of()).config().mqtt().credentials()).hasValue(new Credentials("u", "hunter2"));
    }

    @Test
    void refusesASecretOnTheCommandLineButTakesItFromTheEnvironment() throws Exception {
        Path config = file("agent.yaml", "mqtt: {broker_url: 'tcp://b:1883', username: u}\n", "rw-r--r--");
        assertThatThrownBy(() -> read(config, Map.of(), "mqtt.password=hunter2"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "--set mqtt.password: a secret is not taken from a flag, which every user sees in the"
                                + " process list; expected mqtt.password_file or the variable MINNOW_MQTT_PASSWORD"))
                .hasMessageNotContaining("hunter2");
        LoadedConfig c = read(config, Map.of("MINNOW_MQTT_PASSWORD", "hunter2"));
        assertThat(c.config().mqtt().credentials()).hasValue(new Credentials("u", "hunter2"));
        assertThat(c.setting("mqtt.password").value()).isEqualTo(Setting.MASK);
        assertThat(c.setting("mqtt.password").origin()).hasToString("env MINNOW_MQTT_PASSWORD");
    }

    @Test
    void refusesBothAnInlineSecretAndItsFile() throws Exception {
        Path pw = file("pw", "a", "rw-------");
        Path config = file("agent.yaml", "mqtt: {broker_url: 'tcp://b:1883', username: u, password: b, password_file: "
                + pw + "}\n", "rw-------");
        assertThatThrownBy(() -> read(config, Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "mqtt.password: ******** is not valid; expected either mqtt.password or mqtt.password_file,"
                                + " not both"));
    }
}
