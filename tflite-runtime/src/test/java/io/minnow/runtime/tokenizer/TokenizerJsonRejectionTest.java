package io.minnow.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Files we cannot tokenize exactly are rejected at load, naming the component. */
class TokenizerJsonRejectionTest {

    private static void assertRejected(Consumer<ObjectNode> change, String component, String detail) {
        ObjectNode json = MinnowShapeFixture.json();
        change.accept(json);
        assertThatThrownBy(() -> MinnowShapeFixture.load(json))
                .isInstanceOf(TokenizerFormatException.class)
                .hasMessageContaining(component)
                .hasMessageContaining(detail)
                .satisfies(e -> assertThat(((TokenizerFormatException) e).component()).isEqualTo(component));
    }

    @Test
    void loadsTheUnchangedFixture() {
        assertThat(MinnowShapeFixture.load(MinnowShapeFixture.json()).encode(" the")).hasSize(1);
    }

    @Test
    void rejectsUnknownModelType() {
        assertRejected(json -> ((ObjectNode) json.get("model")).put("type", "Unigram"),
                "model type 'Unigram'", "supported: BPE");
    }

    @Test
    void rejectsUnknownNormalizer() {
        assertRejected(json -> json.putObject("normalizer").put("type", "BertNormalizer"),
                "normalizer type 'BertNormalizer'", "is not supported");
    }

    @Test
    void rejectsUnknownNormalizerInsideASequence() {
        assertRejected(json -> {
            ArrayNode steps = json.putObject("normalizer").put("type", "Sequence").putArray("normalizers");
            steps.addObject().put("type", "NFC");
            steps.addObject().put("type", "Lowercase");
        }, "normalizer type 'Lowercase'", "is not supported");
    }

    @Test
    void rejectsUnknownPreTokenizer() {
        assertRejected(json -> json.putObject("pre_tokenizer").put("type", "Whitespace"),
                "pre_tokenizer type 'Whitespace'", "supported: Sequence, ByteLevel, Split, Metaspace");
    }

    @Test
    void rejectsUnknownDecoder() {
        assertRejected(json -> json.putObject("decoder").put("type", "WordPiece"),
                "decoder type 'WordPiece'", "is not supported");
    }

    @Test
    void rejectsUnknownSplitBehavior() {
        assertRejected(json -> {
            ObjectNode split = json.putObject("pre_tokenizer").put("type", "Split").put("behavior", "Sideways");
            split.putObject("pattern").put("Regex", "\\s+");
        }, "pre_tokenizer Split behavior 'Sideways'", "is not supported");
    }

    @Test
    void rejectsRegexThatDoesNotCompile() {
        assertRejected(json -> {
            ObjectNode split = json.putObject("pre_tokenizer").put("type", "Split").put("behavior", "Isolated");
            split.putObject("pattern").put("Regex", "(unclosed");
        }, "pre_tokenizer Split", "(unclosed");
    }

    @Test
    void rejectsMergeReferencingMissingToken() {
        assertRejected(json -> ((ArrayNode) json.get("model").get("merges")).add("Ġ zzz"),
                "model merges[17]", "refers to token 'zzz', which is not in the vocabulary");
    }

    @Test
    void rejectsMergeWhoseResultIsMissing() {
        assertRejected(json -> ((ArrayNode) json.get("model").get("merges")).add("x y"),
                "model merges[17]", "refers to token 'xy'");
    }

    @Test
    void rejectsMalformedMerge() {
        assertRejected(json -> ((ArrayNode) json.get("model").get("merges")).add("a b c"),
                "model merges[17]", "expected \"left right\"");
    }

    @Test
    void rejectsUnknownTokenMissingFromVocabulary() {
        assertRejected(json -> ((ObjectNode) json.get("model")).put("unk_token", "<unk>"),
                "model unk_token", "'<unk>' is not in the vocabulary");
    }

    @Test
    void rejectsDropout() {
        assertRejected(json -> ((ObjectNode) json.get("model")).put("dropout", 0.1),
                "model BPE dropout", "makes encoding random");
    }

    @Test
    void rejectsContinuingSubwordPrefix() {
        assertRejected(json -> ((ObjectNode) json.get("model")).put("continuing_subword_prefix", "##"),
                "model BPE continuing_subword_prefix", "'##'");
    }

    @Test
    void rejectsNonIntegerVocabularyId() {
        assertRejected(json -> ((ObjectNode) json.get("model").get("vocab")).put("Ġthe", "seven"),
                "model vocab", "token 'Ġthe' has id \"seven\"");
    }

    @Test
    void rejectsSingleWordAddedToken() {
        assertRejected(json -> ((ObjectNode) json.get("added_tokens").get(0)).put("single_word", true),
                "added_tokens[0] single_word", "<|endoftext|>");
    }

    @Test
    void rejectsMissingModel() {
        assertRejected(json -> json.remove("model"), "tokenizer.json", "missing field 'model'");
    }

    @Test
    void rejectsModelThatIsNotAnObject() {
        assertRejected(json -> json.put("model", "BPE"), "model", "must be an object");
    }

    @Test
    void rejectsMalformedJson() {
        byte[] truncated = "{\"model\": {\"type\": \"BPE\", \"vocab\": {".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TokenizerJson.parse(new ByteArrayInputStream(truncated)))
                .isInstanceOf(TokenizerFormatException.class)
                .hasMessageStartingWith("tokenizer.json: is not valid JSON");
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        assertThatThrownBy(() -> TokenizerJson.parse(new ByteArrayInputStream("[1, 2]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(TokenizerFormatException.class)
                .hasMessage("tokenizer.json: must be a JSON object");
    }
}
