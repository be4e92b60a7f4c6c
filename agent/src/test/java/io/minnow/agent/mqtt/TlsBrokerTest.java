package io.minnow.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minnow.agent.Agent;
import io.minnow.agent.testing.Cli;
import io.minnow.agent.testing.FakeGenerator;
import io.minnow.agent.testing.Mosquitto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent reaches a broker that requires TLS, a client certificate and a password. Certificates are made
 * by the openssl command for each run.
 */
class TlsBrokerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void openssl(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Cli.Result r = Cli.run(WAIT, cmd);
        assertThat(r.exit()).as("openssl %s: %s", String.join(" ", args), r.err()).isZero();
    }

    /** Writes {@code name}.key (PKCS#8) and {@code name}.pem signed by the test CA. */
    private static void issue(Path dir, String name, String cn, String extensions) throws Exception {
        Path ext = Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve(name + ".key").toString(),
                "-out", dir.resolve(name + ".csr").toString(), "-subj", "/CN=" + cn);
        openssl(dir, "x509", "-req", "-in", dir.resolve(name + ".csr").toString(), "-CA", dir.resolve("ca.pem").toString(),
                "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-days", "2",
                "-out", dir.resolve(name + ".pem").toString(), "-extfile", ext.toString());
    }

    @Test
    void servesRequestsOverTlsWithAClientCertificateAndPassword(@TempDir Path dir) throws Exception {
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("ca.key").toString(),
                "-out", dir.resolve("ca.pem").toString(), "-days", "2", "-subj", "/CN=minnow-test-ca");
        issue(dir, "server", "127.0.0.1", "subjectAltName=IP:127.0.0.1\n");
        issue(dir, "agent", "pump-7", "extendedKeyUsage=clientAuth\n");
        issue(dir, "device", "sensor-1", "extendedKeyUsage=clientAuth\n");
        Path passwords = dir.resolve("passwords");
        Cli.Result pw = Cli.run(WAIT, "mosquitto_passwd", "-b", "-c", passwords.toString(), "pump", "s3cret");
        assertThat(pw.exit()).as(pw.err()).isZero();
        try (Mosquitto broker = Mosquitto.start(dir, """
                allow_anonymous false
                password_file %1$s/passwords
                cafile %1$s/ca.pem
                certfile %1$s/server.pem
                keyfile %1$s/server.key
                require_certificate true
                """.formatted(dir))) {
            DeviceConfig config = ConfigLoader.parse("""
                    device_id: pump-7
                    mqtt:
                      broker_url: ssl://127.0.0.1:%1$d
                      version: 5
                      username: pump
                      password: s3cret
                      tls: {ca_file: %2$s/ca.pem, cert_file: %2$s/agent.pem, key_file: %2$s/agent.key}
                    web: {enabled: false}
                    """.formatted(broker.port(), dir), "tls test");
            Agent agent = Agent.create(config, "fake", () -> new FakeGenerator(0), new SimpleMeterRegistry());
            agent.start();
            try {
                Cli.Result r = Cli.run(WAIT, "mosquitto_rr", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()),
                        "-V", "5", "--cafile", dir.resolve("ca.pem").toString(),
                        "--cert", dir.resolve("device.pem").toString(), "--key", dir.resolve("device.key").toString(),
                        "-u", "pump", "-P", "s3cret", "-t", "minnow/pump-7/request", "-e", "dev/tls/replies",
                        "-m", "{\"prompt\":\"over tls\"}", "-W", "20");
                assertThat(r.exit()).as(r.err()).isZero();
                JsonNode reply = JSON.readTree(r.out());
                assertThat(reply.path("text").asText()).isEqualTo("echo over tls");
            } finally {
                agent.stop();
            }
        }
    }
}
