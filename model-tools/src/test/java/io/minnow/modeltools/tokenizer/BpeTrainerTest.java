package io.minnow.modeltools.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.minnow.modeltools.corpus.Corpus;
import io.minnow.modeltools.corpus.CorpusGenerator;
import io.minnow.modeltools.corpus.CorpusSpec;
import io.minnow.modeltools.corpus.Example;
import io.minnow.modeltools.corpus.ManualParser;
import io.minnow.modeltools.corpus.Phrasings;
import io.minnow.modeltools.corpus.Task;
import io.minnow.runtime.tokenizer.PromptText;
import io.minnow.runtime.tokenizer.Tokenizer;
import io.minnow.runtime.tokenizer.TokenizerJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeTrainerTest {

    static Corpus corpus;
    static BpeModel model;

    @BeforeAll
    static void train() throws IOException {
        corpus = new CorpusGenerator(new ManualParser().parse(Path.of("..", "docs", "pump-controller-manual.md")),
                Phrasings.builtIn()).generate(CorpusSpec.DEFAULT.scaled(0.02));
        model = new BpeTrainer(new BpeTrainerConfig(700, 2, Task.specialTokens()))
                .train(corpus.train().stream().map(Example::text).toList());
    }

    @Test
    void fillsTheVocabularyWithSpecialsFirstThenBytesThenMerges() {
        assertThat(model.vocabSize()).isEqualTo(700);
        assertThat(model.id("<|endoftext|>")).isZero();
        assertThat(model.id("<|answer|>")).isEqualTo(1);
        assertThat(model.id("\u0100")).as("byte 0").isEqualTo(Task.specialTokens().size());
        assertThat(model.id("!")).as("byte 33").isEqualTo(Task.specialTokens().size() + 33);
        assertThat(model.id("Ġpressure")).isGreaterThan(256 + Task.specialTokens().size());
    }

    @Test
    void sameTextGivesTheSameTokenizer() {
        BpeModel again = new BpeTrainer(new BpeTrainerConfig(700, 2, Task.specialTokens()))
                .train(corpus.train().stream().map(Example::text).toList());
        String text = corpus.eval().get(0).text();
        assertThat(again.encode(text)).containsExactly(model.encode(text));
    }

    @Test
    void huggingFaceLoadsTheJsonAndEncodesHeldOutTextIdentically(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("tokenizer.json");
        model.writeTokenizerJson(json);
        List<String> texts = new ArrayList<>();
        corpus.eval().forEach(e -> texts.add(e.text()));
        texts.add("Unseen words: Überdruck 12,5 bar — naïve café's ¿qué?\n\ttabs  and  spaces ");
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(json)
                .optAddSpecialTokens(false).build()) {
            for (String text : texts) {
                Encoding enc = hf.encode(text, false, false);
                long[] ours = java.util.Arrays.stream(model.encode(text)).asLongStream().toArray();
                assertThat(enc.getIds()).as(text).containsExactly(ours);
                assertThat(hf.decode(enc.getIds(), false)).as(text).isEqualTo(text);
            }
        }
    }

    @Test
    void valuesStayPlainTextInTheTrainerAndTheReaderAlike(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("tokenizer.json");
        model.writeTokenizerJson(json);
        Tokenizer reader = TokenizerJson.load(json);
        for (String value : List.of("How often?<|answer|>Inspect", "<|endoftext|>", " pressure <|log|>x", "plain")) {
            PromptText prompt = new PromptText(List.of(new PromptText.Part("<|manual|>", true),
                    new PromptText.Part(value, false), new PromptText.Part("<|answer|>", true)));
            int[] ids = model.encode(prompt);
            assertThat(reader.encode(prompt)).as(value).containsExactly(ids);
            assertThat(java.util.Arrays.stream(ids).filter(model::isSpecial).toArray()).as(value)
                    .containsExactly(model.id("<|manual|>"), model.id("<|answer|>"));
            assertThat(model.decode(ids)).isEqualTo(value);
            assertThat(model.encode(PromptText.trusted(prompt.text()))).containsExactly(model.encode(prompt.text()));
        }
    }

    @Test
    void minnowsReaderLoadsTheJsonAndAgreesWithTheTrainer(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("tokenizer.json");
        model.writeTokenizerJson(json);
        Tokenizer reader = TokenizerJson.load(json);
        assertThat(reader.vocabSize()).isEqualTo(model.vocabSize());
        for (String special : Task.specialTokens()) {
            assertThat(reader.tokenId(special)).hasValue(model.id(special));
            assertThat(reader.isSpecial(model.id(special))).isTrue();
        }
        for (Example e : corpus.eval()) {
            assertThat(reader.encode(e.text())).as(e.text()).containsExactly(model.encode(e.text()));
            assertThat(reader.decode(model.encode(e.text()))).isEqualTo(e.prompt().replaceAll("<\\|[a-z_]+\\|>", "")
                    + e.answer());
        }
    }

    @Test
    void encodesAHugeWordLikeMinnowsReader(@TempDir Path dir) throws IOException {
        // One pre-token of 200,000 characters (a long separator line, a pasted blob): merging it pair by pair
        // with a rescan after every merge takes hours; the reader's heap takes well under a second.
        String text = "=".repeat(200_000) + Task.END_OF_TEXT;
        Path json = dir.resolve("tokenizer.json");
        model.writeTokenizerJson(json);
        int[] ids = model.encode(text);
        assertThat(ids).containsExactly(TokenizerJson.load(json).encode(text));
        assertThat(model.decode(ids)).isEqualTo("=".repeat(200_000));
    }

    @Test
    void stopsEarlyWhenNoPairIsFrequentEnough() {
        BpeModel small = new BpeTrainer(new BpeTrainerConfig(5000, 2, List.of("<|endoftext|>")))
                .train(List.of("abc abc xyz"));
        assertThat(small.vocabSize()).isLessThan(5000).isGreaterThan(257);
        assertThat(small.encode("abc")).hasSize(1);
        assertThat(small.encode("xyz")).hasSize(3);
    }

    @Test
    void rejectsAVocabularyTooSmallForTheByteAlphabet() {
        assertThatThrownBy(() -> new BpeTrainerConfig(200, 2, Task.specialTokens()))
                .hasMessageContaining("vocabSize must be at least 256 + 6 special tokens = 262, got 200");
    }
}
