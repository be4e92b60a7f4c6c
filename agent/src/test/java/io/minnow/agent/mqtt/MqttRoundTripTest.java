package io.minnow.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minnow.agent.Agent;
import io.minnow.agent.testing.Cli;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.agent.testing.RealModel;
import io.minnow.agent.testing.Requester;
import io.minnow.agent.testing.TestAgents;
import io.minnow.runtime.bundle.GenerationDefaults;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import io.minnow.runtime.generate.TextSink;
import io.minnow.runtime.lm.ModelConvention;
import io.minnow.runtime.testing.TestBundles;
import java.util.OptionalLong;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Round trips through a real Mosquitto with the real command-line clients and Paho, answered by a real
 * model: a random-weight bundle run by the TensorFlow Lite runtime (its text is noise, every part is real).
 */
class MqttRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private Mosquitto broker;
    private Agent agent;

    @BeforeEach
    void startBroker() throws Exception {
        broker = Mosquitto.start(dir);
    }

    @AfterEach
    void stopAll() {
        if (agent != null) {
            agent.stop();
        }
        broker.close();
    }

    /** A fresh generator over the test bundle; each call is a separate model instance. */
    private Generator realModel() throws Exception {
        return RealModel.open(dir);
    }

    private String port() {
        return Integer.toString(broker.port());
    }

    @Test
    void answersMosquittoRrOverMqtt5WithWhatTheModelGenerates() throws Exception {
        agent = TestAgents.start("b1", broker.url(), "5", "", this::realModel);
        Cli.Result r = Cli.run(WAIT, "mosquitto_rr", "-h", "127.0.0.1", "-p", port(), "-V", "5", "-q", "1",
                "-t", "minnow/b1/request", "-e", "dev/rr/replies", "-D", "publish", "correlation-data", "c-1",
                "-m", "{\"prompt\":\"hello pump\",\"max_tokens\":8,\"temperature\":0}", "-W", "10");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode reply = JSON.readTree(r.out());
        assertThat(reply.path("type").asText()).isEqualTo("final");
        try (Generator direct = realModel()) {
            SamplingOptions d = SamplingOptions.DEFAULT; // what the agent uses for options a request leaves out
            GenerationResult expected = direct.generate(GenerationRequest.of(new PromptInput.Text("hello pump"),
                    new SamplingOptions(8, 0f, d.topK(), d.topP(), d.minP(), d.repeatPenalty(), OptionalLong.empty(),
                            List.of())), TextSink.NONE);
            assertThat(reply.path("text").asText()).as("greedy: the agent returns what the model generates")
                    .isEqualTo(expected.text());
            assertThat(reply.path("finish_reason").asText()).isEqualTo(expected.finishReason().wireName());
            assertThat(reply.path("usage").path("completion_tokens").asInt()).isEqualTo(expected.completionTokens());
            assertThat(reply.path("usage").path("prompt_tokens").asInt()).isEqualTo(expected.promptTokens());
        }
        assertThat(reply.path("model").path("name").asText()).isEqualTo(TestBundles.NAME);
        assertThat(reply.path("model").path("version").asText()).isEqualTo(TestBundles.VERSION);
        assertThat(reply.path("timings_ms").fieldNames()).toIterable()
                .containsExactly("queue", "prefill", "decode", "model", "total");
        assertThat(reply.has("id")).as("no id was sent, so none is echoed").isFalse();
    }

    @Test
    void aRequestWithoutTemperatureGetsTheBundlesDefaultAndOneWithTemperatureOverridesIt() throws Exception {
        Path bundle = TestBundles.writeRandomBundle(dir.resolve("greedy.minnow"),
                TestBundles.manifest(ModelConvention.KV_CACHE, TestBundles.tiny())
                        .withDefaults(new GenerationDefaults(null, 0f, null, null, null, null)));
        agent = TestAgents.start("b1", broker.url(), "5", "", () -> RealModel.openBundle(bundle));
        try (Requester device = new Requester(broker.url(), "dev-defaults");
                Generator direct = RealModel.openBundle(bundle)) {
            SamplingOptions d = direct.model().defaults();
            String greedy = direct.generate(GenerationRequest.of(new PromptInput.Text("hello pump"),
                    new SamplingOptions(10, 0f, d.topK(), d.topP(), d.minP(), d.repeatPenalty(), OptionalLong.empty(),
                            List.of())), TextSink.NONE).text();
            for (int seed = 1; seed <= 3; seed++) {
                device.send("minnow/b1/request", "{\"prompt\":\"hello pump\",\"max_tokens\":10,\"seed\":" + seed
                        + "}", "d" + seed);
                assertThat(device.awaitFinal("d" + seed, WAIT).path("text").asText())
                        .as("seed %d, no temperature: the bundle's 0", seed).isEqualTo(greedy);
                SamplingOptions hot = new SamplingOptions(10, 1.5f, d.topK(), d.topP(), d.minP(), d.repeatPenalty(),
                        OptionalLong.of(seed), List.of());
                String sampled = direct.generate(GenerationRequest.of(new PromptInput.Text("hello pump"), hot),
                        TextSink.NONE).text();
                device.send("minnow/b1/request", "{\"prompt\":\"hello pump\",\"max_tokens\":10,\"seed\":" + seed
                        + ",\"temperature\":1.5}", "h" + seed);
                assertThat(device.awaitFinal("h" + seed, WAIT).path("text").asText())
                        .as("seed %d, temperature 1.5 given: the request's", seed).isEqualTo(sampled);
            }
        }
    }

    @Test
    void answersTheReadmesMosquittoRrCommandWhichSendsNoCorrelationData() throws Exception {
        agent = TestAgents.start("minnow-1", broker.url(), "5", "", this::realModel);
        Cli.Result r = Cli.run(WAIT, "mosquitto_rr", "-h", "127.0.0.1", "-p", port(), "-V", "5",
                "-t", "minnow/minnow-1/request", "-e", "devices/me/replies", "-m", "{\"prompt\": \"Hello\"}", "-W", "10");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(JSON.readTree(r.out()).path("type").asText()).isEqualTo("final");
    }

    @Test
    void streamsNumberedChunksThenAFinalMessage() throws Exception {
        agent = TestAgents.start("b1", broker.url(), "5", "", this::realModel);
        try (Requester device = new Requester(broker.url(), "dev-stream")) {
            device.send("minnow/b1/request", "{\"id\":\"s1\",\"messages\":[{\"role\":\"user\",\"content\":"
                    + "\"status?\"}],\"max_tokens\":12,\"seed\":7,\"stream\":true}", "s1");
            JsonNode fin = device.awaitFinal("s1", WAIT);
            List<JsonNode> chunks = device.replies("s1").stream().filter(j -> j.path("type").asText().equals("chunk"))
                    .toList();
            int n = fin.path("chunks").asInt();
            assertThat(n).isPositive();
            assertThat(chunks).extracting(j -> j.path("seq").asInt())
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, n).boxed().toList());
            StringBuilder joined = new StringBuilder();
            chunks.stream().sorted(java.util.Comparator.comparingInt(j -> j.path("seq").asInt()))
                    .forEach(j -> joined.append(j.path("text").asText()));
            assertThat(joined).hasToString(fin.path("text").asText());
            assertThat(fin.path("usage").path("completion_tokens").asInt()).isBetween(1, 12);
            assertThat(fin.path("id").asText()).isEqualTo("s1");
        }
    }

    @Test
    void answersMqtt311DevicesOnTheReplyTopicNamedInThePayload() throws Exception {
        agent = TestAgents.start("b1", broker.url(), "3.1.1", "", this::realModel);
        Process sub = Cli.start("mosquitto_sub", "-h", "127.0.0.1", "-p", port(), "-V", "mqttv311", "-q", "1",
                "-t", "minnow/b1/status", "-t", "dev/311/replies", "-C", "2", "-W", "15");
        try (BufferedReader out = new BufferedReader(new InputStreamReader(sub.getInputStream(), StandardCharsets.UTF_8))) {
            JsonNode status = JSON.readTree(out.readLine()); // retained: the subscription is in place
            assertThat(status.path("state").asText()).isEqualTo("online");
            Cli.Result pub = Cli.run(WAIT, "mosquitto_pub", "-h", "127.0.0.1", "-p", port(), "-V", "mqttv311",
                    "-q", "1", "-t", "minnow/b1/request",
                    "-m", "{\"id\":\"r-311\",\"reply_to\":\"dev/311/replies\",\"template\":\"ask\","
                            + "\"values\":{\"question\":\"why E7?\"},\"max_tokens\":4}");
            assertThat(pub.exit()).as(pub.err()).isZero();
            JsonNode reply = JSON.readTree(out.readLine());
            assertThat(reply.path("id").asText()).isEqualTo("r-311");
            assertThat(reply.path("type").asText()).isEqualTo("final");
            assertThat(reply.path("usage").path("prompt_tokens").asInt()).as("the rendered template was read")
                    .isGreaterThan("why E7?".length());
        } finally {
            sub.destroy();
        }
    }

    @Test
    void publishesARetainedOnlineStatusWithModelAndQueueDepth() throws Exception {
        agent = TestAgents.start("b1", broker.url(), "5", "", this::realModel);
        Cli.Result r = Cli.run(WAIT, "mosquitto_sub", "-h", "127.0.0.1", "-p", port(), "-t", "minnow/b1/status",
                "-C", "1", "-W", "10");
        JsonNode status = JSON.readTree(r.out());
        assertThat(status.path("device").asText()).isEqualTo("b1");
        assertThat(status.path("state").asText()).isEqualTo("online");
        assertThat(status.path("model").path("name").asText()).isEqualTo(TestBundles.NAME);
        assertThat(status.path("model").path("version").asText()).isEqualTo(TestBundles.VERSION);
        assertThat(status.path("queue_depth").asInt()).isZero();
        assertThat(status.path("mqtt").asText()).isEqualTo("5");
        assertThat(status.path("group").asText()).isEqualTo("default");
        assertThat(status.path("health").path("warnings").isArray()).isTrue();
        assertThat(status.path("health").path("memory_total_bytes").asLong()).as("this Linux machine's /proc/meminfo")
                .isPositive();
    }

    @Test
    void answersModelUnavailableWithTheReasonWhenTheBundleCannotBeOpened() throws Exception {
        agent = TestAgents.start("b1", broker.url(), "5", "", () -> {
            throw new java.io.FileNotFoundException("/opt/models/pump.minnow (No such file or directory)");
        });
        try (Requester device = new Requester(broker.url(), "dev-nomodel")) {
            device.send("minnow/b1/request", "{\"id\":\"m1\",\"prompt\":\"hi\"}", "m1");
            JsonNode reply = device.awaitFinal("m1", WAIT);
            assertThat(reply.path("error").path("code").asText()).isEqualTo("model_unavailable");
            assertThat(reply.path("error").path("message").asText()).contains("/opt/models/pump.minnow");
        }
        JsonNode status = JSON.readTree(Cli.run(WAIT, "mosquitto_sub", "-h", "127.0.0.1", "-p", port(),
                "-t", "minnow/b1/status", "-C", "1", "-W", "10").out());
        assertThat(status.path("model").isNull()).isTrue();
        assertThat(status.path("model_error").asText()).contains("/opt/models/pump.minnow");
    }

    @Test
    void answersEveryMalformedPayloadWithAStableCodeAndStaysHealthy() throws Exception {
        agent = TestAgents.start("b1", broker.url(), "5", "", this::realModel);
        List<byte[]> corpus = List.of(
                "".getBytes(StandardCharsets.UTF_8),
                "not json".getBytes(StandardCharsets.UTF_8),
                "{\"prompt\":".getBytes(StandardCharsets.UTF_8),
                "[]".getBytes(StandardCharsets.UTF_8),
                "{\"prompt\":42}".getBytes(StandardCharsets.UTF_8),
                "{\"prompt\":\"a\",\"surprise\":true}".getBytes(StandardCharsets.UTF_8),
                "{\"template\":\"no-such-template\"}".getBytes(StandardCharsets.UTF_8),
                ("{\"prompt\":\"" + "word ".repeat(300) + "\"}").getBytes(StandardCharsets.UTF_8),
                ("{\"prompt\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xc3, (byte) 0x28, 0, (byte) 0xff, 0x7b},
                "{\"prompt\":\"a\",\"max_tokens\":-1}".getBytes(StandardCharsets.UTF_8));
        List<String> expected = List.of("bad_request", "bad_request", "bad_request", "bad_request", "bad_request",
                "bad_request", "bad_request", "too_large", "too_large", "bad_request", "bad_request");
        try (Requester device = new Requester(broker.url(), "dev-fuzz")) {
            for (int i = 0; i < corpus.size(); i++) {
                device.sendRaw("minnow/b1/request", corpus.get(i), "bad-" + i);
            }
            for (int i = 0; i < corpus.size(); i++) {
                JsonNode reply = device.awaitFinal("bad-" + i, WAIT);
                assertThat(reply.path("type").asText()).isEqualTo("error");
                assertThat(reply.path("error").path("code").asText()).as("payload %d: %s", i, reply)
                        .isEqualTo(expected.get(i));
                assertThat(reply.path("error").path("message").asText()).isNotBlank();
            }
            device.send("minnow/b1/request", "{\"prompt\":\"still alive\",\"max_tokens\":3}", "ok");
            assertThat(device.awaitFinal("ok", WAIT).path("type").asText()).isEqualTo("final");
            await().atMost(WAIT).until(() -> device.finalCounts().size() == corpus.size() + 1);
            assertThat(device.finalCounts().values()).allMatch(n -> n == 1);
        }
    }
}
