package io.minnow.runtime.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ManifestJsonTest {
    private static final String VALID = """
            {"name": "tiny", "version": "1.0.0", "convention": "kv-cache", "context_length": 64, "vocab_size": 272,
             "special_tokens": {"eos": "<|endoftext|>"},
             "templates": {"ask": "Q: {{question}}\\nA:"},
             "chat_template": {"roles": {"user": "<|user|>{{content}}\\n"}, "generation_prompt": "<|assistant|>"},
             "evaluation": {"perplexity": 12.5}, "licence": "Apache-2.0", "recipe": {"steps": 10}}
            """;

    private static ModelManifest parse(String json) throws BundleException {
        return ManifestJson.parse(json.getBytes(UTF_8));
    }

    private static void assertRejected(String json, String field, String message) {
        assertThatThrownBy(() -> parse(json))
                .isInstanceOfSatisfying(BundleException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(message);
    }

    @Test
    void readsEveryField() throws Exception {
        ModelManifest m = parse(VALID);
        assertThat(m.convention()).isEqualTo(Convention.KV_CACHE);
        assertThat(m.contextLength()).isEqualTo(64);
        assertThat(m.specialTokens().eos()).isEqualTo("<|endoftext|>");
        assertThat(m.chatTemplate().generationPrompt()).isEqualTo("<|assistant|>");
        assertThat(m.evaluation()).containsEntry("perplexity", 12.5);
        assertThat(m.recipe().path("steps").asInt()).isEqualTo(10);
        assertThat(m.info().templates()).containsExactly("ask");
    }

    @Test
    void writesWhatItReads() throws Exception {
        ModelManifest m = parse(VALID);
        assertThat(ManifestJson.parse(ManifestJson.write(m))).isEqualTo(m);
        assertThat(new String(ManifestJson.write(m), UTF_8)).contains("\"context_length\"");
    }

    @Test
    void rejectsAnUnknownConventionNamingTheField() {
        assertRejected(VALID.replace("\"kv-cache\"", "\"rnn\""), "model.json:convention", "\"rnn\"");
    }

    @Test
    void rejectsAnInsaneContextLength() {
        assertRejected(VALID.replace("\"context_length\": 64", "\"context_length\": 1"),
                "model.json:context_length", "is 1; expected 2 to 32768");
    }

    @Test
    void rejectsAMissingName() {
        assertRejected(VALID.replace("\"name\": \"tiny\", ", ""), "model.json:name", "non-empty");
    }

    @Test
    void rejectsAMissingContextLength() {
        assertRejected(VALID.replace("\"context_length\": 64, ", ""), "model.json:context_length", "");
    }

    @Test
    void rejectsATypoedFieldName() {
        assertRejected(VALID.replace("\"licence\"", "\"license\""), "model.json:license", "not a known field");
    }

    @Test
    void rejectsABrokenTemplateNamingIt() {
        assertRejected(VALID.replace("{{question}}", "{{question"), "model.json:templates.ask", "unclosed");
    }

    @Test
    void rejectsABrokenChatRoleNamingIt() {
        assertRejected(VALID.replace("<|user|>{{content}}", "<|user|>{{text}}"),
                "model.json:chat_template.roles.user", "{{content}}");
    }

    @Test
    void rejectsMalformedJson() {
        assertRejected("{\"name\": ", "model.json", "not valid JSON");
    }
}
