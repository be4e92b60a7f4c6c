package io.minnow.ota.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.config.DeliveryConfig;
import io.minnow.ota.testing.FileServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS sources: trusted through ota.delivery.ca_file, refused without it. A real Jetty with a keytool certificate. */
class HttpsDownloadTest {
    @TempDir
    Path dir;

    private static void run(Path cwd, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }

    @Test
    void aServerCertifiedByTheConfiguredCaIsTrustedAndOneWithoutIsNot() throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(dir, keytool, "-genkeypair", "-alias", "files", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-keystore", "files.p12", "-storetype",
                "PKCS12", "-storepass", "secret", "-keypass", "secret");
        run(dir, keytool, "-exportcert", "-rfc", "-alias", "files", "-keystore", "files.p12", "-storepass", "secret",
                "-file", "ca.pem");
        Path served = Files.createDirectories(dir.resolve("served"));
        byte[] content = new byte[200_000];
        new Random(3).nextBytes(content);
        Files.write(served.resolve("b.minnow"), content);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        try (FileServer server = new FileServer(served, Optional.of(dir.resolve("files.p12")))) {
            assertThat(server.uri("b.minnow").getScheme()).isEqualTo("https");
            DeliveryConfig trusted = new DeliveryConfig(0, 20_000, 20, 200, 0, 3, Optional.of(dir.resolve("ca.pem")), 5_000);
            HttpDownloader d = new HttpDownloader(trusted, RateLimiter.of(0), DiskSpace.SYSTEM, System::currentTimeMillis,
                    RandomGenerator.getDefault());
            assertThat(Files.readAllBytes(d.download(server.uri("b.minnow"), sha, content.length, dir.resolve("ok"),
                    Progress.NONE))).isEqualTo(content);

            DeliveryConfig jdkTrust = new DeliveryConfig(0, 1_000, 20, 100, 0, 3, Optional.empty(), 5_000);
            HttpDownloader untrusting = new HttpDownloader(jdkTrust, RateLimiter.of(0), DiskSpace.SYSTEM,
                    System::currentTimeMillis, RandomGenerator.getDefault());
            assertThatThrownBy(() -> untrusting.download(server.uri("b.minnow"), sha, content.length, dir.resolve("no"),
                    Progress.NONE))
                    .isInstanceOfSatisfying(DeliveryFailed.class,
                            e -> assertThat(e.reason()).isEqualTo(DeliveryReason.DOWNLOAD_TIMEOUT));
            assertThat(untrusting.bytesFetched()).isZero();
        }
    }

    @Test
    void aCaFileWithoutCertificatesIsRefusedByName() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        DeliveryConfig c = new DeliveryConfig(0, 1_000, 20, 100, 0, 3, Optional.of(empty), 5_000);
        assertThatThrownBy(() -> HttpDownloader.of(c)).hasMessageContaining("empty.pem");
    }
}
