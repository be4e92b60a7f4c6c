package io.minnow.runtime.bundle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.runtime.generate.SamplingOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    void writesMapsInTheirGivenOrderOrSortedWhenTheyHaveNone() throws Exception {
        Map<String, String> cardOrder = new LinkedHashMap<>();
        for (String name : List.of("status", "error_code", "manual", "log")) {
            cardOrder.put(name, "<|" + name + "|>{{x}}<|answer|>");
        }
        Map<String, Double> unordered = Map.of("z.float", 1.0, "a.int8", 2.0, "m.float", 3.0, "b.float", 4.0,
                "perplexity", 5.0, "c", 6.0);
        ModelManifest m = new ModelManifest("tiny", "1.0.0", Convention.KV_CACHE, 64, 272, null, cardOrder, null,
                unordered, null, null);
        String json = new String(ManifestJson.write(m), UTF_8);
        assertThat(json).containsSubsequence("\"status\"", "\"error_code\"", "\"manual\"", "\"log\"");
        assertThat(json).containsSubsequence("\"a.int8\"", "\"b.float\"", "\"c\"", "\"m.float\"",
                "\"perplexity\"", "\"z.float\"");
        assertThat(json).containsSubsequence("\"name\"", "\"version\"", "\"convention\"", "\"context_length\"",
                "\"vocab_size\"", "\"templates\"", "\"evaluation\"");
        String copied = new String(ManifestJson.write(m.withDefaults(GenerationDefaults.GREEDY).withDefaults(null)), UTF_8);
        assertThat(copied).as("a copy of the record keeps its order").isEqualTo(json);
        assertThat(new String(ManifestJson.write(ManifestJson.parse(json.getBytes(UTF_8))), UTF_8)).isEqualTo(json);
    }

    @Test
    void writingTheSameManifestTwiceOrItsParsedCopyGivesIdenticalBytes() throws Exception {
        ModelManifest m = parse(withDefaults("{\"temperature\": 0, \"top_k\": 0}"));
        byte[] first = ManifestJson.write(m);
        assertThat(ManifestJson.write(m)).isEqualTo(first);
        assertThat(ManifestJson.write(ManifestJson.parse(first))).isEqualTo(first);
        assertThat(new String(first, UTF_8)).containsSubsequence("\"chat_template\"", "\"defaults\"",
                "\"temperature\"", "\"top_k\"", "\"evaluation\"", "\"licence\"", "\"recipe\"");
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

    @Test
    void aManifestWithoutDefaultsGivesRequestsTheRuntimeDefaults() throws Exception {
        ModelManifest m = parse(VALID);
        assertThat(m.defaults()).isNull();
        SamplingOptions d = SamplingOptions.DEFAULT;
        SamplingOptions expected = new SamplingOptions(64, d.temperature(), d.topK(), d.topP(), d.minP(),
                d.repeatPenalty(), d.seed(), d.stop()); // 128 tokens capped at the context
        assertThat(m.samplingDefaults()).isEqualTo(expected);
        assertThat(m.info().defaults()).isEqualTo(expected);
        assertThat(new String(ManifestJson.write(m), UTF_8)).doesNotContain("defaults");
    }

    @Test
    void readsDefaultsAndOverlaysOnlyTheOptionsTheyName() throws Exception {
        ModelManifest m = parse(withDefaults("{\"temperature\": 0, \"max_tokens\": 24}"));
        assertThat(m.defaults()).isEqualTo(new GenerationDefaults(24, 0f, null, null, null, null));
        SamplingOptions d = m.info().defaults();
        assertThat(d.temperature()).isZero();
        assertThat(d.maxTokens()).isEqualTo(24);
        assertThat(d.topK()).isEqualTo(SamplingOptions.DEFAULT.topK());
        assertThat(d.repeatPenalty()).isEqualTo(SamplingOptions.DEFAULT.repeatPenalty());
        assertThat(ManifestJson.parse(ManifestJson.write(m))).isEqualTo(m);
    }

    @Test
    void capsTheRuntimeDefaultMaxTokensAtTheContext() throws Exception {
        ModelManifest m = parse(VALID.replace("\"context_length\": 64", "\"context_length\": 16"));
        assertThat(m.samplingDefaults().maxTokens()).isEqualTo(16);
        ModelManifest big = parse(VALID.replace("\"context_length\": 64", "\"context_length\": 1024"));
        assertThat(big.samplingDefaults().maxTokens()).isEqualTo(SamplingOptions.DEFAULT.maxTokens());
    }

    @Test
    void rejectsEachInvalidDefaultNamingItsField() {
        String[][] cases = {
            {"\"temperature\": -1", "defaults.temperature", "is -1.0; expected a number >= 0"},
            {"\"top_k\": -3", "defaults.top_k", "is -3; expected an integer >= 0"},
            {"\"top_p\": 0", "defaults.top_p", "is 0.0; expected a number in (0, 1]"},
            {"\"top_p\": 1.5", "defaults.top_p", "is 1.5"},
            {"\"min_p\": 1", "defaults.min_p", "is 1.0; expected a number in [0, 1)"},
            {"\"repeat_penalty\": 0", "defaults.repeat_penalty", "is 0.0; expected a number > 0"},
            {"\"max_tokens\": 0", "defaults.max_tokens", "is 0; expected an integer >= 1"},
            {"\"max_tokens\": 65", "defaults.max_tokens", "is 65; expected at most context_length (64)"},
            {"\"temprature\": 0", "defaults.temprature", "not a known field"},
            {"\"seed\": 1", "defaults.seed", "not a known field"},
            {"\"temperature\": \"cold\"", "defaults.temperature", ""},
            {"\"top_k\": 1.5", "defaults.top_k", "1.5"},
            // A number written as a string, or a boolean, is a mistake in a hand-edited model.json, not a value.
            {"\"temperature\": \"0.5\"", "defaults.temperature", ""},
            {"\"top_k\": \"40\"", "defaults.top_k", ""},
            {"\"temperature\": true", "defaults.temperature", ""},
            {"\"top_k\": false", "defaults.top_k", ""},
            {"\"max_tokens\": \"\"", "defaults.max_tokens", ""},
        };
        for (String[] c : cases) {
            System.out.println("defaults {" + c[0] + "}");
            assertRejected(withDefaults("{" + c[0] + "}"), "model.json:" + c[1], c[2]);
        }
    }

    @Test
    void rejectsNumbersWrittenAsStrings() {
        assertRejected(VALID.replace("\"context_length\": 64", "\"context_length\": \"64\""),
                "model.json:context_length", "");
        assertRejected(VALID.replace("\"perplexity\": 12.5", "\"perplexity\": \"12.5\""),
                "model.json:evaluation.perplexity", "");
    }

    @Test
    void rejectsDefaultsThatAreNotAnObject() {
        assertRejected(withDefaults("0"), "model.json:defaults", "");
    }

    private static String withDefaults(String defaults) {
        return VALID.replace("\"licence\"", "\"defaults\": " + defaults + ", \"licence\"");
    }
}
