package io.minnow.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minnow.agent.testing.FakeGenerator;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's event stream over HTTP: history, then snapshots with every field the page shows. */
class DashboardTest {

    @Test
    void streamsHistoryThenSnapshotsOfTheWholeAgent(@TempDir Path dir) throws Exception {
        FakeGenerator gen = new FakeGenerator(0).closeGate();
        try (WebFixture web = new WebFixture(dir, () -> gen, "workers: 1, queue_size: 8", "",
                new WebServer.Intervals(200, 400))) {
            WebFixture.Login s = web.firstLogin("pump-room-7");
            web.http.sendAsync(web.request("/v1/completions", "Authorization", "Bearer " + WebFixture.TOKEN,
                    "Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"model\": \"fake-echo\", \"prompt\": \"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<InputStream> r = web.http.send(web.request("/api/events", s.headers()).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                assertThat(in.readLine()).isEqualTo("event: history");
                JsonNode history = WebFixture.JSON.readTree(in.readLine().substring(6));
                assertThat(history.get("interval_ms").asLong()).isEqualTo(400);
                assertThat(web.get("/api/session", "Cookie", s.cookie()).statusCode())
                        .as("the page answers while the model is busy").isEqualTo(200);
                JsonNode snapshot = null;
                int points = 0;
                for (String line = in.readLine(); line != null && (snapshot == null || points < 2); line = in.readLine()) {
                    if (line.equals("event: point")) {
                        points++;
                    } else if (line.equals("event: snapshot")) {
                        JsonNode candidate = WebFixture.JSON.readTree(in.readLine().substring(6));
                        if (candidate.at("/queue/depth").asInt() == 0 && gen.started() == 1) {
                            snapshot = candidate;
                        }
                    }
                }
                assertThat(snapshot).isNotNull();
                assertThat(snapshot.get("device_id").asText()).isEqualTo("web-test");
                assertThat(snapshot.at("/model/name").asText()).isEqualTo("fake-echo");
                assertThat(snapshot.at("/model/loaded").asBoolean()).isTrue();
                assertThat(snapshot.at("/model_history/0/version").asText()).isEqualTo("0.0.1");
                assertThat(snapshot.at("/broker/connected").asBoolean()).isTrue();
                assertThat(snapshot.at("/queue/capacity").asInt()).isEqualTo(8);
                assertThat(snapshot.at("/memory/heap_used_bytes").asLong()).isPositive();
                assertThat(snapshot.at("/cpu/cores").asInt()).isPositive();
                assertThat(snapshot.has("uptime_s")).isTrue();
            } finally {
                gen.open();
            }
        }
    }
}
