package io.minnow.runtime.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Token ids and decoded text identical to the Hugging Face library on real tokenizer.json files. */
class MatchesHuggingFaceReferenceTest {

    @ParameterizedTest
    @EnumSource(ReferenceFiles.Kind.class)
    void encodesCorpusToTheReferenceIds(ReferenceFiles.Kind kind) {
        Tokenizer ours = LoadedTokenizers.ours(kind);
        HuggingFaceReference reference = LoadedTokenizers.reference(kind);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (String text : TextCorpus.texts()) {
            int[] expected = reference.encode(text);
            int[] actual = ours.encode(text);
            compared += expected.length;
            if (!Arrays.equals(expected, actual)) {
                mismatches.add(escape(text) + "\n  reference " + Arrays.toString(expected) + "\n  ours      "
                        + Arrays.toString(actual));
            }
        }
        assertThat(mismatches).as("texts encoded differently").isEmpty();
        assertThat(compared).as("the corpus produced tokens").isGreaterThan(1000);
    }

    @ParameterizedTest
    @EnumSource(ReferenceFiles.Kind.class)
    void decodesEveryPrefixOfTheCorpusIdsLikeTheReference(ReferenceFiles.Kind kind) {
        Tokenizer ours = LoadedTokenizers.ours(kind);
        HuggingFaceReference reference = LoadedTokenizers.reference(kind);
        List<String> mismatches = new ArrayList<>();
        for (String text : TextCorpus.texts()) {
            int[] ids = reference.encode(text);
            // Prefixes cut characters apart at byte-token boundaries, so lossy UTF-8 handling is compared too.
            int step = Math.max(1, ids.length / 20);
            for (int end = ids.length; end >= 0; end -= end == ids.length ? 1 : step) {
                int[] prefix = Arrays.copyOf(ids, end);
                String expected = reference.decode(prefix);
                String actual = ours.decode(prefix);
                if (!expected.equals(actual)) {
                    mismatches.add(escape(text) + " [0," + end + ")\n  reference " + escape(expected)
                            + "\n  ours      " + escape(actual));
                    break;
                }
            }
        }
        assertThat(mismatches).as("id sequences decoded differently").isEmpty();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c > 0x7E && (Character.isWhitespace(c) || Character.isSpaceChar(c))) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(text.length() > 200 ? "...\"" : "\"").toString();
    }
}
