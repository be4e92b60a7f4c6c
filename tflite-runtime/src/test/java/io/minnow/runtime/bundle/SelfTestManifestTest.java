package io.minnow.runtime.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SelfTestManifestTest {
    private static final String BASE = """
            {"name": "tiny", "version": "1.0.0", "convention": "kv-cache", "context_length": 64, "vocab_size": 272,
             "templates": {"ask": "Q: {{question}}\\nA:"}, "self_test": %s}
            """;

    private static ModelManifest parse(String selfTest) throws BundleException {
        return ManifestJson.parse(BASE.formatted(selfTest).getBytes(UTF_8));
    }

    @Test
    void readsAndWritesTheSelfTestSection() throws Exception {
        ModelManifest m = parse("""
                {"latency_budget_ms": 5000, "cases": [
                  {"template": "ask", "values": {"question": "why"}, "expect": "because"},
                  {"prompt": "Q: x\\nA:", "expect": " y", "max_tokens": 4}]}""");
        SelfTest t = m.selfTest();
        assertThat(t.latencyBudgetMs()).isEqualTo(5000);
        assertThat(t.cases()).hasSize(2);
        assertThat(t.cases().get(0).values()).containsEntry("question", "why");
        assertThat(t.cases().get(1).maxTokens()).isEqualTo(4);
        assertThat(ManifestJson.parse(ManifestJson.write(m))).isEqualTo(m);
        assertThat(m.withSelfTest(null).selfTest()).isNull();
        assertThat(m.withDefaults(GenerationDefaults.GREEDY).selfTest()).isEqualTo(t);
        assertThat(m.withChatTemplate(null).selfTest()).as("setting the chat template keeps the self-test")
                .isEqualTo(t);
    }

    @Test
    void refusesCasesThatCannotRunOnThisModel() {
        assertThatThrownBy(() -> parse("{\"latency_budget_ms\": 5000, \"cases\": [{\"template\": \"nope\","
                + " \"values\": {}, \"expect\": \"x\"}]}"))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.field()).isEqualTo("model.json:self_test.cases[0].template"))
                .hasMessageContaining("expected one of the templates [ask]");
        assertThatThrownBy(() -> parse("{\"latency_budget_ms\": 5000, \"cases\": [{\"prompt\": \"a\", \"expect\": \"x\","
                + " \"max_tokens\": 65}]}")).hasMessageContaining("self_test.cases[0].max_tokens");
        assertThatThrownBy(() -> parse("{\"latency_budget_ms\": 0, \"cases\": [{\"prompt\": \"a\", \"expect\": \"x\"}]}"))
                .hasMessageContaining("self_test.latency_budget_ms");
        assertThatThrownBy(() -> parse("{\"latency_budget_ms\": 10, \"cases\": []}"))
                .hasMessageContaining("self_test.cases");
        assertThatThrownBy(() -> parse("{\"latency_budget_ms\": 10, \"cases\": [{\"prompt\": \"a\"}]}"))
                .hasMessageContaining("expect");
        assertThatThrownBy(() -> parse("{\"latency_budget_ms\": 10, \"cases\": [{\"prompt\": \"a\", \"template\": \"ask\","
                + " \"expect\": \"b\"}]}")).hasMessageContaining("not both");
    }
}
