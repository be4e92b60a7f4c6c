package io.minnow.agent.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minnow.agent.metrics.AgentMetrics;
import io.minnow.agent.protocol.InboundMessage;
import io.minnow.agent.protocol.InferenceRequest;
import io.minnow.agent.protocol.RequestParser;
import io.minnow.agent.testing.FakeGenerator;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.ModelInfo;
import io.minnow.runtime.generate.TextSink;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InferenceJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answersInternalOnceWhenTheModelThrowsAnError() throws Exception {
        InferenceRequest request = new RequestParser(4096, 30_000, () -> Optional.of(FakeGenerator.MODEL))
                .parse(new InboundMessage("minnow/b1/request",
                        "{\"id\":\"e1\",\"reply_to\":\"dev/1\",\"prompt\":\"hi\"}".getBytes(StandardCharsets.UTF_8),
                        Optional.empty(), Optional.empty(), false, () -> { }));
        Generator unlinkable = new Generator() {
            @Override
            public ModelInfo model() {
                return FakeGenerator.MODEL;
            }

            @Override
            public GenerationResult generate(GenerationRequest r, TextSink sink) {
                throw new UnsatisfiedLinkError("no libtensorflowlite_jni in java.library.path");
            }

            @Override
            public void close() {
            }
        };
        List<JsonNode> replies = new CopyOnWriteArrayList<>();
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        InferenceJob job = new InferenceJob(request, 0, System.nanoTime(), ModelLeases.fixed(unlinkable),
                (route, payload, delivered) -> {
                    replies.add(readTree(payload));
                    delivered.run();
                }, () -> acknowledged.add("e1"), new AgentMetrics(new SimpleMeterRegistry()), System::nanoTime);

        job.run();
        job.cancel("late cancel");

        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).path("id").asText()).isEqualTo("e1");
        assertThat(replies.get(0).path("error").path("code").asText()).isEqualTo("internal");
        assertThat(replies.get(0).path("error").path("message").asText()).contains("libtensorflowlite_jni");
        assertThat(acknowledged).containsExactly("e1");
    }

    private static JsonNode readTree(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
