package io.minnow.agent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.completions.Completion;
import com.openai.models.completions.CompletionCreateParams;
import com.openai.models.models.Model;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minnow.agent.Agent;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.agent.testing.RealModel;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI Java client against the whole running agent (real broker, the default pump model, the
 * web server started by {@link Agent#create}): chat and text completions, whole and streamed.
 */
class OpenAiClientTest {
    private static final String TOKEN = "client-test-token-0123456789";
    private static final String QUESTION = "How often should I do bearing greasing?";
    private static final String ANSWER = "Grease the motor bearings every 2000 operating hours with 5 g of grease.";

    @TempDir
    static Path dir;
    static Mosquitto broker;
    static Agent agent;
    static OpenAIClient client;
    static String baseUrl;

    @BeforeAll
    static void startAgent() throws Exception {
        broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")));
        DeviceConfig c = ConfigLoader.parse("""
                device_id: openai-test
                mqtt: {broker_url: "%s", version: "5"}
                web: {port: 0, state_dir: "%s", api_tokens: [%s]}
                """.formatted(broker.url(), dir.resolve("state"), TOKEN), "test");
        Path bundle = Path.of("..", "models", "minnow-pump-4.minnow");
        agent = Agent.create(c, bundle.toString(), () -> RealModel.openBundle(bundle),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        agent.start();
        baseUrl = "http://127.0.0.1:" + agent.web().orElseThrow().port() + "/v1";
        client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey(TOKEN).maxRetries(0).build();
    }

    @AfterAll
    static void stopAgent() {
        if (agent != null) {
            agent.stop();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void chatAnswersATechniciansQuestionWithTheDefaultModel() {
        ChatCompletion c = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("minnow-pump").addUserMessage(QUESTION).build());
        assertThat(c.choices()).hasSize(1);
        assertThat(c.choices().get(0).message().content()).hasValue(ANSWER);
        assertThat(c.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(c.usage().orElseThrow().completionTokens()).isPositive();
    }

    @Test
    void chatStreamsTheSameAnswerWithUsage() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("minnow-pump")
                .addUserMessage(QUESTION).streamOptions(com.openai.models.chat.completions.ChatCompletionStreamOptions
                        .builder().includeUsage(true).build()).build();
        List<ChatCompletionChunk> chunks;
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            chunks = stream.stream().toList();
        }
        String text = chunks.stream().flatMap(ch -> ch.choices().stream())
                .map(ch -> ch.delta().content().orElse("")).collect(Collectors.joining());
        assertThat(text).isEqualTo(ANSWER);
        assertThat(chunks.size()).as("token by token").isGreaterThan(5);
        assertThat(chunks.get(chunks.size() - 1).usage()).isPresent();
    }

    @Test
    void textCompletionTakesARawPromptWithTheModelsTaskMarkers() {
        Completion c = client.completions().create(CompletionCreateParams.builder().model("minnow-pump")
                .prompt("<|error_code|>E04<|answer|>").maxTokens(64).build());
        assertThat(c.choices().get(0).text()).startsWith("E04 motor overtemperature");

        try (StreamResponse<Completion> stream = client.completions().createStreaming(CompletionCreateParams.builder()
                .model("minnow-pump").prompt("<|error_code|>E04<|answer|>").maxTokens(64).build())) {
            String text = stream.stream().flatMap(x -> x.choices().stream()).map(x -> x.text())
                    .collect(Collectors.joining());
            assertThat(text).isEqualTo(c.choices().get(0).text());
        }
    }

    @Test
    void listsTheModelAndRefusesAnUnknownOneOrAWrongKey() {
        List<Model> models = client.models().list().data();
        assertThat(models).extracting(Model::id).containsExactly("minnow-pump");
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("gpt-4o").addUserMessage(QUESTION).build())).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("minnow-pump");
        OpenAIClient wrong = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("wrong-key-0123456789")
                .maxRetries(0).build();
        assertThatThrownBy(() -> wrong.models().list()).isInstanceOf(UnauthorizedException.class);
    }
}
