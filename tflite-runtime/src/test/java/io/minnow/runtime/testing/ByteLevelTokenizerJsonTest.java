package io.minnow.runtime.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fixture's tokenizer.json is checked by the Hugging Face tokenizers library itself. */
class ByteLevelTokenizerJsonTest {

    @Test
    void huggingFaceTokenizersLoadsItAndAppliesTheMerges() throws Exception {
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(
                new ByteArrayInputStream(ByteLevelTokenizerJson.bytes()), Map.of("addSpecialTokens", "false"))) {
            Encoding encoding = hf.encode("in the 🐟<|endoftext|>");
            assertThat(encoding.getTokens()).containsSubsequence("in", "Ġthe");
            assertThat(encoding.getIds()[encoding.getIds().length - 1]).isEqualTo(256 + 12);
            assertThat(hf.decode(encoding.getIds(), true)).isEqualTo("in the 🐟");
        }
    }

    @Test
    void vocabularyHoldsBytesMergesAndSpecialTokens() {
        assertThat(ByteLevelTokenizerJson.VOCAB_SIZE).isEqualTo(256 + 12 + 4);
        assertThat(new String(ByteLevelTokenizerJson.byteAlphabet())).hasSize(256).doesNotContain(" ");
    }
}
