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
import io.minnow.ota.store.ModelStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
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
    void rollbackGoesThroughTheOtaUpdaterAndShowsInTheHistory() throws Exception {
        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")))) {
            Path state = dir.resolve("state");
            DeviceConfig c = ConfigLoader.parse("""
                    device_id: rollback-test
                    mqtt: {broker_url: "%s", version: "5"}
                    model: {path: "%s"}
                    ota: {state_dir: "%s"}
                    web: {port: 0, state_dir: "%s"}
                    """.formatted(broker.url(), BUNDLE.toAbsolutePath(), state, state), "test");
            ModelStore store = ModelStore.open(state, c.ota().releasesKept(), Clock.systemUTC());
            Agent agent = Agent.create(c, store, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            agent.start();
            try {
                String base = "http://127.0.0.1:" + agent.web().orElseThrow().port();
                HttpClient http = HttpClient.newHttpClient();
                String password = Files.readString(state.resolve("web-initial-password")).strip();
                HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"password\": \"" + password + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                String csrf = WebFixture.json(login).get("csrf").asText();
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/password")).header("Cookie", cookie)
                        .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"current\": \"" + password
                                + "\", \"new\": \"pump-room-7\"}")).build(), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/rollback"))
                        .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode attempt = WebFixture.json(r);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(409);
                assertThat(attempt.get("kind").asText()).isEqualTo("manual_rollback");
                assertThat(attempt.get("outcome").asText()).as("only the first install: nothing earlier").isEqualTo("rejected");
                assertThat(attempt.get("message").asText()).isNotBlank();
                assertThat(store.history()).anyMatch(a -> a.id().equals(attempt.get("id").asText()));
            } finally {
                agent.stop();
            }
        }
    }
}
