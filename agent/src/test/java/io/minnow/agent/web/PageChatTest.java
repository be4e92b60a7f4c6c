package io.minnow.agent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minnow.agent.testing.FakeGenerator;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page's chat endpoint over HTTP: its events, stop, hang-up and refusals. */
class PageChatTest {
    @TempDir
    Path dir;
    WebFixture web;
    WebFixture.Login session;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(dir, () -> new FakeGenerator(20), "workers: 1", "");
        session = web.firstLogin("pump-room-7");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private record Event(String name, JsonNode data) {}

    private static Event next(BufferedReader in) throws Exception {
        String name = in.readLine();
        String data = in.readLine();
        in.readLine();
        return new Event(name.substring("event: ".length()), WebFixture.JSON.readTree(data.substring("data: ".length())));
    }

    private BufferedReader open(String body) throws Exception {
        HttpResponse<InputStream> r = web.http.send(web.request("/api/chat", session.headers("Content-Type",
                "application/json")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        return new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void streamsStartTokensAndDoneWithTimings() throws Exception {
        List<Event> events = new ArrayList<>();
        try (BufferedReader in = open("{\"template\": \"diagnose\", \"values\": {\"reading\": \"p=4\"}, \"max_tokens\": 2}")) {
            for (Event e = next(in); ; e = next(in)) {
                events.add(e);
                if (e.name().equals("done") || e.name().equals("error")) {
                    break;
                }
            }
        }
        assertThat(events).extracting(Event::name).containsExactly("start", "running", "token", "token", "done");
        assertThat(events.get(0).data().get("id").asText()).hasSize(18);
        JsonNode done = events.get(events.size() - 1).data();
        assertThat(done.get("completion_tokens").asInt()).isEqualTo(2);
        assertThat(done.get("finish_reason").asText()).isEqualTo("length");
        assertThat(done.has("ttft_ms")).isTrue();
        assertThat(done.get("tokens_per_second").asDouble()).isPositive();
    }

    @Test
    void stopCancelsTheGenerationAndSaysSo() throws Exception {
        try (BufferedReader in = open("{\"prompt\": \"" + "w ".repeat(200) + "\"}")) {
            String id = next(in).data().get("id").asText();
            assertThat(next(in).name()).isEqualTo("running");
            assertThat(next(in).name()).isEqualTo("token");
            assertThat(web.post("/api/chat/stop", "{\"id\": \"" + id + "\"}", session.headers()).statusCode()).isEqualTo(200);
            Event e = next(in);
            while (e.name().equals("token")) {
                e = next(in);
            }
            assertThat(e.name()).isEqualTo("error");
            assertThat(e.data().get("code").asText()).isEqualTo("cancelled");
            assertThat(web.post("/api/chat/stop", "{\"id\": \"" + id + "\"}", session.headers()).statusCode())
                    .as("no longer running").isEqualTo(404);
        }
        assertThat(web.counter("cancelled")).isEqualTo(1);
    }

    @Test
    void closingThePageCancelsTheGeneration() throws Exception {
        BufferedReader in = open("{\"prompt\": \"" + "w ".repeat(200) + "\"}");
        next(in);
        next(in);
        in.close();
        await().atMost(Duration.ofSeconds(3)).until(() -> web.counter("cancelled") == 1);
        assertThat(web.counter("ok")).isZero();
    }

    @Test
    void refusesBadInputBeforeStreaming() throws Exception {
        assertThat(web.post("/api/chat", "{\"template\": \"nope\"}", session.headers()).body())
                .contains("template \\\"nope\\\" is not in fake-echo");
        assertThat(web.post("/api/chat", "{\"prompt\": \" \"}", session.headers()).statusCode()).isEqualTo(400);
        assertThat(web.post("/api/chat", "{\"prompt\": \"x\", \"temperature\": \"hot\"}", session.headers()).body())
                .contains("temperature is \\\"hot\\\"; expected a number");
        assertThat(web.post("/api/chat", "{\"prompt\": \"x\", \"colour\": 1}", session.headers()).statusCode())
                .isEqualTo(400);
        assertThat(web.http.send(web.request("/api/chat", session.headers("Content-Type", "text/plain"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).as("only JSON bodies").isEqualTo(415);
    }
}
