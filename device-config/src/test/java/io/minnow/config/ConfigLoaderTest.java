package io.minnow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @Test
    void emptyFileGivesTheEmbeddedQuickstart() throws ConfigException {
        DeviceConfig c = ConfigLoader.parse("", "test");
        assertThat(c.mqtt().embedded()).isTrue();
        assertThat(c.mqtt().version()).isEqualTo(MqttVersion.V5);
        assertThat(c.mqtt().topicPrefix()).isEqualTo("minnow");
        assertThat(c.mqtt().embeddedPort()).isEqualTo(1883);
        assertThat(c.model().path()).isEmpty();
        assertThat(c.scheduler().queueSize()).isPositive();
        assertThat(ConfigLoader.defaults()).isEqualTo(c);
    }

    @Test
    void readsEverySetting(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        Path key = Files.writeString(dir.resolve("k.pem"), "x");
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path model = Files.writeString(dir.resolve("m.minnow"), "x");
        DeviceConfig c = ConfigLoader.parse("""
                device_id: pump-7
                mqtt:
                  broker_url: ssl://broker.local:8883
                  version: 3.1.1
                  topic_prefix: plant4/minnow
                  client_id: agent.pump-7
                  username: pump
                  password: s3cret
                  tls: {ca_file: %s, cert_file: %s, key_file: %s}
                  keep_alive_s: 20
                  session_expiry_s: 600
                  max_payload_bytes: 4096
                model: {path: %s, backend: java, threads: 3}
                scheduler:
                  workers: 2
                  queue_size: 10
                  max_queued_per_client: 3
                  default_deadline_ms: 5000
                  board_priority: 5
                  pool_priority: 2
                  drain_timeout_ms: 100
                """.formatted(ca, cert, key, model), "test");
        assertThat(c.deviceId()).isEqualTo("pump-7");
        assertThat(c.mqtt().brokerUrl()).hasValueSatisfying(u -> assertThat(u.getPort()).isEqualTo(8883));
        assertThat(c.mqtt().version()).isEqualTo(MqttVersion.V3_1_1);
        assertThat(c.mqtt().topicPrefix()).isEqualTo("plant4/minnow");
        assertThat(c.mqtt().clientId()).isEqualTo("agent.pump-7");
        assertThat(c.mqtt().credentials()).hasValue(new Credentials("pump", "s3cret"));
        assertThat(c.mqtt().tls()).hasValue(new TlsConfig(ca, java.util.Optional.of(cert), java.util.Optional.of(key)));
        assertThat(c.mqtt().keepAliveS()).isEqualTo(20);
        assertThat(c.mqtt().sessionExpiryS()).isEqualTo(600);
        assertThat(c.mqtt().maxPayloadBytes()).isEqualTo(4096);
        assertThat(c.model()).isEqualTo(new ModelConfig(java.util.Optional.of(model), ModelBackend.JAVA, 3));
        assertThat(c.scheduler()).isEqualTo(new SchedulerConfig(2, 10, 3, 5000, 5, 2, 100));
    }

    @Test
    void externalBrokerDefaultsToMqtt5() throws ConfigException {
        DeviceConfig c = ConfigLoader.parse("mqtt: {broker_url: 'tcp://localhost:1883'}", "test");
        assertThat(c.mqtt().version()).isEqualTo(MqttVersion.V5);
        assertThat(c.mqtt().embedded()).isFalse();
    }

    @Test
    void reportsEveryBadSettingWithItsValueAndWhatIsExpected() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                device_id: "pump/7"
                mqtt:
                  broker_url: http://x
                  version: 4
                  topic_prefix: "a/#"
                scheduler:
                  queue_size: 0
                  workers: many
                """, "agent.yaml"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "device_id: \"pump/7\" is not valid; expected 1 to 64 letters, digits, '-' or '_'",
                        "mqtt.broker_url: \"http://x\" is not valid; expected a URL like ssl://host:port or tcp://host:port",
                        "mqtt.version: \"4\" is not valid; expected one of 5, 3.1.1",
                        "mqtt.topic_prefix: \"a/#\" is not valid; expected topic levels without '+', '#', spaces or"
                                + " empty levels, like minnow or plant4/minnow",
                        "scheduler.workers: \"many\" is not valid; expected an integer from 1 to 64",
                        "scheduler.queue_size: 0 is not valid; expected an integer from 1 to 100000"))
                .hasMessageStartingWith("agent.yaml has 6 problems");
    }

    @Test
    void rejectsUnknownSettingsSoTyposAreNotIgnored() {
        assertThatThrownBy(() -> ConfigLoader.parse("mqtt: {brokr_url: 'tcp://x:1'}", "test"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().startsWith("mqtt.brokr_url: unknown setting; expected one of ")
                        .contains("broker_url"));
    }

    @Test
    void acceptsMqtt5WithTheEmbeddedBroker() throws ConfigException {
        DeviceConfig c = ConfigLoader.parse("mqtt: {version: 5}", "test");
        assertThat(c.mqtt().embedded()).isTrue();
        assertThat(c.mqtt().version()).isEqualTo(MqttVersion.V5);
    }

    @Test
    void acknowledgesRequestsAfterTheReplyUnlessToldOtherwise() throws ConfigException {
        assertThat(ConfigLoader.parse("", "test").mqtt().ackAfterReply()).isTrue();
        assertThat(ConfigLoader.parse("mqtt: {ack_after_reply: false}", "test").mqtt().ackAfterReply()).isFalse();
        assertThatThrownBy(() -> ConfigLoader.parse("mqtt: {ack_after_reply: \"yes\"}", "test"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("mqtt.ack_after_reply: \"yes\" is not valid; expected true or false"));
    }

    @Test
    void rejectsAPerClientQuotaAboveTheQueueSizeInsteadOfLoweringIt() {
        assertThatThrownBy(() -> ConfigLoader.parse("scheduler: {queue_size: 8, max_queued_per_client: 9}", "test"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement()
                        .asString().contains("scheduler.max_queued_per_client: 9 is not valid")
                        .contains("from 1 to 8"));
    }

    @Test
    void rejectsMissingFilesAndHalfAClientCertificate(@TempDir Path dir) throws IOException {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        assertThatThrownBy(() -> ConfigLoader.parse("""
                mqtt:
                  broker_url: ssl://b:8883
                  tls: {ca_file: /nope/ca.pem, cert_file: %s}
                model: {path: /nope/m.minnow}
                """.formatted(cert), "test"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "mqtt.tls.ca_file: \"/nope/ca.pem\" is not valid; expected a readable file (/nope/ca.pem is"
                                + " not one)",
                        "mqtt.tls.key_file: (missing) is not valid; expected cert_file and key_file together (client"
                                + " certificate and its private key)",
                        "model.path: \"/nope/m.minnow\" is not valid; expected a readable file (/nope/m.minnow is not"
                                + " one)"));
    }

    @Test
    void rejectsTlsOnAPlainTcpUrlAndPasswordWithoutUser(@TempDir Path dir) throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
        assertThatThrownBy(() -> ConfigLoader.parse("""
                mqtt: {broker_url: 'tcp://b:1883', password: x, tls: {ca_file: %s}}
                """.formatted(ca), "test"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "mqtt.password: (set) is not valid; expected mqtt.username to be set too",
                        "mqtt.broker_url: \"tcp://b:1883\" is not valid; expected an ssl:// URL when mqtt.tls is set"));
    }

    @Test
    void reportsBrokenYamlWithItsLine() {
        assertThatThrownBy(() -> ConfigLoader.parse("mqtt:\n  broker_url: [x\n", "agent.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not valid YAML");
    }

    @Test
    void reportsAMissingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("none.yaml")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void credentialsNeverShowThePassword() {
        assertThat(new Credentials("u", "hunter2").toString()).doesNotContain("hunter2");
    }
}
