package io.minnow.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.agent.testing.Cli;
import io.minnow.agent.testing.FakeGenerator;
import io.minnow.agent.tls.PemFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files in the configuration: the page, a Secure __Host- cookie and HSTS. */
class HttpsTest {

    @Test
    void servesThePageOverTlsWithASecureCookie(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("web.pem");
        Path key = dir.resolve("web.key");
        Cli.Result r = Cli.run(Duration.ofSeconds(30), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1");
        assertThat(r.exit()).as(r.err()).isZero();
        try (WebFixture web = new WebFixture(dir, () -> new FakeGenerator(0), "workers: 1",
                "tls_cert_file: \"" + cert + "\", tls_key_file: \"" + key + "\"")) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("web", PemFiles.certificates(cert).iterator().next());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
            assertThat(web.base).startsWith("https://");
            HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(web.base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Strict-Transport-Security")).isPresent();
            HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(web.base + "/api/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"password\": \"" + web.oneTimePassword() + "\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(login.headers().firstValue("Set-Cookie")).hasValueSatisfying(c ->
                    assertThat(c).startsWith("__Host-minnow_session=").contains("Secure", "HttpOnly"));
        }
    }
}
