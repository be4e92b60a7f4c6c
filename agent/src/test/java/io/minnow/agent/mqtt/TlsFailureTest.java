package io.minnow.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.agent.testing.Cli;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent says when TLS or the login fails against a real Mosquitto with TLS: each failure is named
 * with the setting to check, not only Paho's exception text. Certificates are made by openssl for each run.
 */
class TlsFailureTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static void openssl(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Cli.Result r = Cli.run(WAIT, cmd);
        assertThat(r.exit()).as("openssl %s: %s", String.join(" ", args), r.err()).isZero();
    }

    private static void ca(Path dir, String name) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve(name + ".key").toString(),
                "-out", dir.resolve(name + ".pem").toString(), "-days", "2", "-subj", "/CN=" + name);
    }

    /** Writes {@code name}.key and {@code name}.pem signed by {@code ca}, valid for {@code days} (0: expires now). */
    private static void issue(Path dir, String ca, String name, int days) throws Exception {
        Path ext = Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve(name + ".key").toString(),
                "-out", dir.resolve(name + ".csr").toString(), "-subj", "/CN=127.0.0.1");
        openssl("x509", "-req", "-in", dir.resolve(name + ".csr").toString(), "-CA", dir.resolve(ca + ".pem").toString(),
                "-CAkey", dir.resolve(ca + ".key").toString(), "-CAcreateserial", "-days", Integer.toString(days),
                "-out", dir.resolve(name + ".pem").toString(), "-extfile", ext.toString());
    }

    private static Mosquitto tlsBroker(Path dir, String serverCert) throws Exception {
        Cli.Result pw = Cli.run(WAIT, "mosquitto_passwd", "-b", "-c", dir.resolve("passwords").toString(), "pump", "s3cret");
        assertThat(pw.exit()).as(pw.err()).isZero();
        return Mosquitto.start(dir, """
                allow_anonymous false
                password_file %1$s/passwords
                cafile %1$s/ca.pem
                certfile %1$s/%2$s.pem
                keyfile %1$s/%2$s.key
                """.formatted(dir, serverCert));
    }

    private static MqttTransport transport(String version, int port, Path caFile, String password) throws Exception {
        DeviceConfig c = ConfigLoader.parse("""
                device_id: pump-7
                mqtt:
                  broker_url: ssl://127.0.0.1:%d
                  version: "%s"
                  username: pump
                  password: %s
                  tls: {ca_file: %s}
                """.formatted(port, version, password, caFile), "tls failure test");
        ConnectSettings s = new ConnectSettings(c.mqtt().brokerUrl().orElseThrow().toString(), c.mqtt(),
                Optional.of(TlsSocketFactories.create(c.mqtt().tls().orElseThrow())), "minnow/pump-7/status",
                new byte[0]);
        return version.equals("5") ? new Mqtt5Transport(s) : new Mqtt3Transport(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "3.1.1"})
    void aBrokerCertificateFromAnotherCaIsNamedAsUntrusted(String version, @TempDir Path dir) throws Exception {
        ca(dir, "ca");
        ca(dir, "other-ca");
        issue(dir, "ca", "server", 2);
        try (Mosquitto broker = tlsBroker(dir, "server")) {
            MqttTransport t = transport(version, broker.port(), dir.resolve("other-ca.pem"), "s3cret");
            assertThatThrownBy(() -> t.connect(10_000)).isInstanceOf(MqttLinkException.class)
                    .hasMessageContaining("TLS handshake")
                    .hasMessageContaining("not signed by a CA in mqtt.tls.ca_file");
            t.close();
        }
    }

    @Test
    void anExpiredBrokerCertificateIsNamedAsExpired(@TempDir Path dir) throws Exception {
        ca(dir, "ca");
        issue(dir, "ca", "server", 0); // valid until the second it was made
        Thread.sleep(1_100); // let that second pass; a certificate's validity has one-second resolution
        try (Mosquitto broker = tlsBroker(dir, "server")) {
            MqttTransport t = transport("5", broker.port(), dir.resolve("ca.pem"), "s3cret");
            assertThatThrownBy(() -> t.connect(10_000)).isInstanceOf(MqttLinkException.class)
                    .hasMessageContaining("TLS handshake")
                    .hasMessageContaining("expired");
            t.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "3.1.1"})
    void aWrongPasswordIsNamedAsRefusedCredentials(String version, @TempDir Path dir) throws Exception {
        ca(dir, "ca");
        issue(dir, "ca", "server", 2);
        try (Mosquitto broker = tlsBroker(dir, "server")) {
            MqttTransport t = transport(version, broker.port(), dir.resolve("ca.pem"), "wrong");
            assertThatThrownBy(() -> t.connect(10_000)).isInstanceOf(MqttLinkException.class)
                    .hasMessageContaining("refused the login")
                    .hasMessageContaining("mqtt.username and mqtt.password");
            t.close();
        }
    }
}
