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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAI-compatible API over real HTTP: shapes, every error status, streaming and cancellation. */
class OpenAiApiTest {
    private static final String AUTH = "Bearer " + WebFixture.TOKEN;
    @TempDir
    Path dir;
    WebFixture web;

    @AfterEach
    void stop() {
        if (web != null) {
            web.close();
        }
    }

    private WebFixture start(FakeGenerator generator, String scheduler) throws Exception {
        web = new WebFixture(dir, () -> generator, scheduler, "max_body_bytes: 2048");
        return web;
    }

    private HttpResponse<String> chat(String body) throws Exception {
        return web.post("/v1/chat/completions", body, "Authorization", AUTH);
    }

    @Test
    void answersChatAndTextCompletionsInTheOpenAiShape() throws Exception {
        start(new FakeGenerator(0), "workers: 1");
        HttpResponse<String> r = chat("{\"model\": \"fake-echo\", \"messages\": [{\"role\": \"user\", \"content\": \"pump three\"}]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode c = WebFixture.json(r);
        assertThat(c.get("object").asText()).isEqualTo("chat.completion");
        assertThat(c.get("id").asText()).startsWith("chatcmpl-");
        assertThat(c.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(c.at("/choices/0/message/content").asText()).isEqualTo("echo pump three");
        assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(c.at("/usage/completion_tokens").asInt()).isEqualTo(3);
        assertThat(c.at("/usage/total_tokens").asInt()).isEqualTo(c.at("/usage/prompt_tokens").asInt() + 3);

        HttpResponse<String> t = web.post("/v1/completions", "{\"model\": \"fake-echo\", \"prompt\": \"a b c d\", \"max_tokens\": 2}",
                "Authorization", AUTH);
        JsonNode text = WebFixture.json(t);
        assertThat(text.get("object").asText()).isEqualTo("text_completion");
        assertThat(text.at("/choices/0/text").asText()).isEqualTo("echo a");
        assertThat(text.at("/choices/0/finish_reason").asText()).isEqualTo("length");

        JsonNode models = WebFixture.json(web.get("/v1/models", "Authorization", AUTH));
        assertThat(models.at("/data/0/id").asText()).isEqualTo("fake-echo");
        assertThat(web.get("/v1/models/fake-echo", "Authorization", AUTH).statusCode()).isEqualTo(200);
        assertThat(web.get("/v1/models/gpt-4o", "Authorization", AUTH).statusCode()).isEqualTo(404);
    }

    @Test
    void streamsServerSentEventsEndingInDoneWithUsageWhenAsked() throws Exception {
        start(new FakeGenerator(0), "workers: 1");
        HttpResponse<String> r = chat("{\"model\": \"fake-echo\", \"stream\": true, \"stream_options\": {\"include_usage\": true},"
                + " \"messages\": [{\"role\": \"user\", \"content\": \"x y\"}]}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        List<String> data = WebFixture.dataLines(r.body());
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        StringBuilder text = new StringBuilder();
        for (String d : data.subList(0, data.size() - 1)) {
            JsonNode chunk = WebFixture.JSON.readTree(d);
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            if (chunk.get("choices").size() > 0) {
                text.append(chunk.at("/choices/0/delta/content").asText());
            }
        }
        assertThat(text).hasToString("echo x y");
        JsonNode first = WebFixture.JSON.readTree(data.get(0));
        assertThat(first.at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        JsonNode usage = WebFixture.JSON.readTree(data.get(data.size() - 2));
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/completion_tokens").asInt()).isEqualTo(3);
        JsonNode closing = WebFixture.JSON.readTree(data.get(data.size() - 3));
        assertThat(closing.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void refusesWithTheRightStatusAndTheOpenAiErrorShape() throws Exception {
        start(new FakeGenerator(0), "workers: 1");
        assertError(web.post("/v1/chat/completions", "{}"), 401, "invalid_api_key");
        assertError(web.post("/v1/chat/completions", "{}", "Authorization", "Bearer wrong-token-123456789"), 401,
                "invalid_api_key");
        assertError(chat("{\"model\": \"gpt-4o\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}"), 404,
                "model_not_found");
        assertError(web.post("/v1/embeddings", "{}", "Authorization", AUTH), 404, "unknown_url");
        assertError(chat("{\"model\": \"fake-echo\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}], \"n\": 2}"),
                400, "invalid_value");
        assertError(chat("{\"model\": \"fake-echo\", \"messages\": [], \"temperature\": 0.1}"), 400, "invalid_value");
        assertError(chat("{\"model\": \"fake-echo\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}],"
                + " \"temperature\": 7}"), 400, "invalid_value");
        assertError(chat("{\"model\": \"fake-echo\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}],"
                + " \"tools\": []}"), 400, "invalid_value");
        assertError(chat("{not json"), 400, "invalid_body");
        assertError(chat("{\"model\": \"fake-echo\", \"messages\": [{\"role\": \"user\", \"content\": \""
                + "x".repeat(4000) + "\"}]}"), 413, "request_too_large");
        assertError(web.post("/v1/completions", "{\"model\": \"fake-echo\", \"prompt\": \"" + "w ".repeat(300) + "\"}",
                "Authorization", AUTH), 400, "context_length_exceeded");
    }

    @Test
    void aFullQueueIsAnswered429WithRetryAfterAndAPassedDeadline504() throws Exception {
        FakeGenerator gen = new FakeGenerator(0).closeGate();
        start(gen, "workers: 1, queue_size: 1, default_deadline_ms: 1500");
        String body = "{\"model\": \"fake-echo\", \"prompt\": \"one two\"}";
        CompletableFuture<HttpResponse<String>> running = async(body);
        await().atMost(Duration.ofSeconds(10)).until(() -> gen.started() == 1);
        CompletableFuture<HttpResponse<String>> queued = async(body);
        await().atMost(Duration.ofSeconds(10)).until(() -> web.scheduler.queueDepth() == 1);
        HttpResponse<String> busy = web.post("/v1/completions", body, "Authorization", AUTH);
        assertError(busy, 429, "busy");
        assertThat(busy.headers().firstValue("Retry-After")).isPresent();
        assertError(running.get(), 504, "timeout");
        assertError(queued.get(), 504, "timeout");
        gen.open();
    }

    @Test
    void withoutAModelTheApiAnswers503() throws Exception {
        web = new WebFixture(dir, () -> {
            throw new java.io.FileNotFoundException("no bundle here");
        }, "workers: 1", "");
        HttpResponse<String> r = chat("{\"model\": \"x\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}");
        assertError(r, 503, "model_unavailable");
        assertThat(r.body()).contains("no bundle here");
        assertThat(WebFixture.json(web.get("/v1/models", "Authorization", AUTH)).get("data")).isEmpty();
    }

    @Test
    void aClientThatHangsUpMidStreamStopsItsGeneration() throws Exception {
        FakeGenerator gen = new FakeGenerator(20);
        start(gen, "workers: 1");
        String words = "w ".repeat(200);
        HttpResponse<InputStream> r = web.http.send(web.request("/v1/completions", "Authorization", AUTH,
                        "Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\": \"fake-echo\", \"stream\": true, \"prompt\": \""
                        + words + "\", \"max_tokens\": 250}")).build(), HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
        assertThat(lines.readLine()).startsWith("data: ");
        r.body().close();
        // 201 tokens at 20 ms would take 4 s; the hang-up must end it long before, counted as cancelled.
        await().atMost(Duration.ofSeconds(3)).until(() -> web.counter("cancelled") == 1);
        assertThat(web.counter("ok")).isZero();
        HttpResponse<String> next = web.post("/v1/completions", "{\"model\": \"fake-echo\", \"prompt\": \"next\"}",
                "Authorization", AUTH);
        assertThat(next.statusCode()).as("the worker is free again").isEqualTo(200);
    }

    @Test
    void metricsExposeTheSameMetersAsMqttPlusHttpOnes() throws Exception {
        start(new FakeGenerator(0), "workers: 1");
        chat("{\"model\": \"fake-echo\", \"messages\": [{\"role\": \"user\", \"content\": \"x\"}]}");
        HttpResponse<String> m = web.get("/metrics", "Authorization", AUTH);
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(m.body()).contains("minnow_requests_total{outcome=\"ok\"} 1.0", "minnow_request_latency_seconds",
                "minnow_queue_depth", "minnow_tokens_generated_total", "minnow_http_requests_seconds_count{route=\"api\"");
    }

    private CompletableFuture<HttpResponse<String>> async(String body) {
        return web.http.sendAsync(web.request("/v1/completions", "Authorization", AUTH, "Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> r, int status, String code) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode e = WebFixture.json(r).get("error");
        assertThat(e.get("code").asText()).as(r.body()).isEqualTo(code);
        assertThat(e.get("message").asText()).isNotBlank();
        assertThat(e.has("type")).isTrue();
        assertThat(e.has("param")).isTrue();
    }
}
