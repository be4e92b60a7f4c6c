package io.minnow.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The tokenizer shape model-tools trains for Minnow's own model: merges, special tokens, streaming bytes. (It is
 * also one of the reference files that {@link MatchesHuggingFaceReferenceTest} compares with the library.)
 */
class MinnowShapeTokenizerTest {
    private final Tokenizer tokenizer = MinnowShapeFixture.load(MinnowShapeFixture.json());

    @Test
    void appliesMergesWithinPreTokensOnly() {
        int the = tokenizer.tokenId("Ġthe").orElseThrow();
        int world = tokenizer.tokenId("Ġworld").orElseThrow();
        int h = tokenizer.tokenId("h").orElseThrow();
        int e = tokenizer.tokenId("e").orElseThrow();

        assertThat(tokenizer.encode(" the world")).containsExactly(the, world);
        // "he" merges, but "the" needs the leading space the GPT-2 regex keeps with the word.
        assertThat(tokenizer.encode("the")).containsExactly(tokenizer.tokenId("t").orElseThrow(),
                tokenizer.tokenId("he").orElseThrow());
        assertThat(tokenizer.encode("h.e")).containsExactly(h, tokenizer.tokenId(".").orElseThrow(), e);
    }

    @Test
    void keepsSpecialTokensWholeAndLeavesThemOutOfDecodedText() {
        int endOfText = tokenizer.tokenId(MinnowShapeFixture.END_OF_TEXT).orElseThrow();

        int[] ids = tokenizer.encode("a<|endoftext|>b");

        assertThat(ids).containsExactly(tokenizer.tokenId("a").orElseThrow(), endOfText,
                tokenizer.tokenId("b").orElseThrow());
        assertThat(tokenizer.isSpecial(endOfText)).isTrue();
        assertThat(tokenizer.isSpecial(ids[0])).isFalse();
        assertThat(tokenizer.decode(ids)).isEqualTo("ab");
        assertThat(tokenizer.decodeBytes(endOfText)).isEmpty();
        assertThat(tokenizer.vocabSize()).isEqualTo(endOfText + 1);
    }

    @Test
    void roundTripsTheCorpus() {
        for (String text : TextCorpus.texts()) {
            String withoutSpecials = text.replace(MinnowShapeFixture.END_OF_TEXT, "");
            assertThat(tokenizer.decode(tokenizer.encode(withoutSpecials))).isEqualTo(withoutSpecials);
        }
    }

    @Test
    void decodeBytesGivesRawBytesEvenInsideACharacter() {
        int[] ids = tokenizer.encode("\uD83D\uDE00");

        assertThat(ids).hasSize(3); // "ðŁ" merged, then the last two bytes alone
        assertThat(tokenizer.decodeBytes(ids[0])).containsExactly(0xF0, 0x9F);
        assertThat(tokenizer.decode(new int[] {ids[0]})).isEqualTo("\uFFFD");
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        Arrays.stream(ids).forEach(id -> joined.writeBytes(tokenizer.decodeBytes(id)));
        assertThat(joined.toString(StandardCharsets.UTF_8)).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void rejectsIdsOutsideTheVocabulary() {
        assertThatThrownBy(() -> tokenizer.decode(new int[] {1, tokenizer.vocabSize()}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token id " + tokenizer.vocabSize());
        assertThatThrownBy(() -> tokenizer.decodeBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesConcurrentlyAsItDoesAlone() throws Exception {
        Tokenizer fresh = MinnowShapeFixture.load(MinnowShapeFixture.json());
        List<String> texts = TextCorpus.texts();
        List<int[]> expected = texts.stream().map(tokenizer::encode).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<int[]>>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> texts.stream().map(fresh::encode).toList()));
            }
            for (Future<List<int[]>> result : results) {
                List<int[]> actual = result.get();
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(actual.get(i)).as(texts.get(i)).containsExactly(expected.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void encodesEmptyTextToNoTokens() {
        assertThat(tokenizer.encode("")).isEmpty();
        assertThat(tokenizer.decode(new int[0])).isEmpty();
    }
}
