package io.minnow.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minnow.agent.Agent;
import io.minnow.agent.testing.FakeGenerator;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.agent.testing.RealModel;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import io.minnow.ota.keys.KeyFiles;
import io.minnow.ota.store.ModelStore;
import io.minnow.ota.testing.Fleet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's self-test and rollback actions: the bundle's own self_test, and rollback through the OTA core. */
class UpdateActionsTest {
    private static final Path BUNDLE = Path.of("..", "models", "minnow-pump-4.minnow");

    @TempDir
    Path dir;

    @Test
    void theSelfTestRunsTheBundlesKnownPromptsOnTheServingModel() throws Exception {
        try (WebFixture web = new WebFixture(dir, () -> RealModel.openBundle(BUNDLE), "workers: 1", "")) {
            WebFixture.Login s = web.firstLogin("pump-room-7");
            assertThat(WebFixture.json(web.get("/api/model", s.headers())).get("self_test").asBoolean()).isTrue();
            HttpResponse<String> r = web.post("/api/selftest", "{}", s.headers());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode report = WebFixture.json(r);
            assertThat(report.get("passed").asBoolean()).as(r.body()).isTrue();
            assertThat(report.get("cases").size()).isGreaterThan(1);
            assertThat(report.at("/cases/0/right").asBoolean()).isTrue();
            assertThat(report.get("summary").asText()).contains("answered right");
            assertThat(web.post("/api/selftest", "{}", "Cookie", s.cookie()).statusCode()).as("CSRF").isEqualTo(403);
        }
    }

    @Test
    void aModelWithoutASelfTestSaysSoAndAnAgentWithoutAStoreCannotRollBack() throws Exception {
        try (WebFixture web = new WebFixture(dir, () -> new FakeGenerator(0), "workers: 1", "")) {
            WebFixture.Login s = web.firstLogin("pump-room-7");
            HttpResponse<String> r = web.post("/api/selftest", "{}", s.headers());
            assertThat(r.statusCode()).isEqualTo(409);
            assertThat(r.body()).contains("no self_test");
            HttpResponse<String> rollback = web.post("/api/rollback", "{}", s.headers());
            assertThat(rollback.statusCode()).isEqualTo(409);
            assertThat(rollback.body()).contains("without a model store");
        }
    }

    @Test
    void anUploadedSignedUpdateInstallsThroughTheOtaCoreATamperedOneIsRefusedAndRollbackUndoesIt() throws Exception {
        Fleet fleet = new Fleet(Instant.now());
        Path release4 = fleet.release(Fleet.PUMP_4, 4).write(dir.resolve("pump-4.release.json"));
        Path tampered = dir.resolve("tampered.release.json");
        Files.writeString(tampered, Files.readString(release4).replaceFirst("\"release\"\\s*:\\s*4", "\"release\": 5"));
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")))) {
            Path state = dir.resolve("state");
            Path root = dir.resolve("root.pub");
            KeyFiles.writePublic(root, fleet.root.getPublic());
            DeviceConfig c = ConfigLoader.parse("""
                    device_id: update-test
                    mqtt: {broker_url: "%s", version: "5"}
                    model: {path: "%s"}
                    ota: {state_dir: "%s", root_key_file: "%s"}
                    web: {port: 0, state_dir: "%s"}
                    """.formatted(broker.url(), Fleet.PUMP_3.toAbsolutePath(), state, root, state), "test");
            ModelStore store = ModelStore.open(state, c.ota().releasesKept(), Clock.systemUTC());
            Agent agent = Agent.create(c, store, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            agent.start();
            try {
                Browser b = new Browser("http://127.0.0.1:" + agent.web().orElseThrow().port(), state);
                assertThat(b.modelVersion()).isEqualTo("3.0.0");

                HttpResponse<String> bad = b.upload(Fleet.PUMP_4, tampered);
                assertThat(bad.statusCode()).as(bad.body()).isEqualTo(409);
                assertThat(WebFixture.json(bad).get("outcome").asText()).isEqualTo("rejected");
                assertThat(WebFixture.json(bad).get("code").asText()).isEqualTo("bad_signature");
                assertThat(b.modelVersion()).as("nothing changed").isEqualTo("3.0.0");

                HttpResponse<String> ok = b.upload(Fleet.PUMP_4, release4);
                assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
                assertThat(WebFixture.json(ok).get("outcome").asText()).isIn("trial", "activated");
                assertThat(b.modelVersion()).isEqualTo("4.0.0");

                HttpResponse<String> back = b.post("/api/rollback", "{}");
                assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
                assertThat(WebFixture.json(back).get("kind").asText()).isEqualTo("manual_rollback");
                assertThat(b.modelVersion()).isEqualTo("3.0.0");
                assertThat(store.history()).extracting(a -> a.kind().name())
                        .contains("FIRST_INSTALL", "INSTALL", "MANUAL_ROLLBACK");
                assertThat(b.post("/api/rollback", "{}").statusCode()).as("nothing earlier than the first install")
                        .isEqualTo(409);
            } finally {
                agent.stop();
            }
        }
    }

    /** A logged-in page session against a whole agent. */
    private static final class Browser {
        private final HttpClient http = HttpClient.newHttpClient();
        private final String base;
        private final String cookie;
        private final String csrf;

        Browser(String base, Path state) throws Exception {
            this.base = base;
            String password = Files.readString(state.resolve("web-initial-password")).strip();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"password\": \"" + password + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            csrf = WebFixture.json(login).get("csrf").asText();
            post("/api/password", "{\"current\": \"" + password + "\", \"new\": \"pump-room-7\"}");
        }

        HttpResponse<String> post(String path, String json) throws Exception {
            return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String modelVersion() throws Exception {
            return WebFixture.json(http.send(HttpRequest.newBuilder(URI.create(base + "/api/model"))
                    .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString())).get("version").asText();
        }

        /** What the page's form sends: multipart/form-data with the two files. */
        HttpResponse<String> upload(Path bundle, Path release) throws Exception {
            String boundary = "minnow-test-boundary";
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            for (String[] part : new String[][] {{"bundle", bundle.toString()}, {"release", release.toString()}}) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part[0]
                        + "\"; filename=\"" + Path.of(part[1]).getFileName() + "\"\r\nContent-Type: "
                        + "application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                body.write(Files.readAllBytes(Path.of(part[1])));
                body.write("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return http.send(HttpRequest.newBuilder(URI.create(base + "/api/update")).header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
