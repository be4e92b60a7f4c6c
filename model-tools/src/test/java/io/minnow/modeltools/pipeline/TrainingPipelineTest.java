package io.minnow.modeltools.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.modeltools.corpus.Example;
import io.minnow.modeltools.corpus.Task;
import io.minnow.modeltools.tokenizer.BpeModel;
import io.minnow.modeltools.tokenizer.BpeTrainer;
import io.minnow.modeltools.tokenizer.BpeTrainerConfig;
import io.minnow.modeltools.train.GptConfig;
import io.minnow.modeltools.train.TrainingRecipe;
import io.minnow.modeltools.train.TrainingSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingPipelineTest {

    static final PipelineRecipe TINY = new PipelineRecipe(300, new ModelShape(32, 16, 1, 2, 32),
            new TrainingRecipe(3, 2, 4, 1e-3f, 0, 0f), 4);

    @TempDir
    Path dir;

    static List<Example> pairs(int n) {
        return IntStream.range(0, n).mapToObj(i -> new Example(null, "question " + i + "?", " answer " + i)).toList();
    }

    @Test
    void tokenizesPromptAndAnswerSeparatelySoTheAnswerIsExactlyWhatFollowsThePrompt() {
        // "abcdef" is one token of this tokenizer; the prompt "abc" must still end where the answer "def" starts,
        // as at inference, where the prompt is encoded alone and the answer generated after it.
        BpeModel tokenizer = new BpeTrainer(new BpeTrainerConfig(300, 2, Task.specialTokens()))
                .train(List.of("abcdef abcdef abcdef abcdef"));
        assertThat(tokenizer.encode("abcdef")).hasSize(1);
        GptConfig config = TINY.shape().withVocabulary(tokenizer.vocabSize());
        TrainingSequence s = TrainingPipeline.tokenize(List.of(new Example(null, "abc", "def")), tokenizer, config, "training")
                .get(0);
        int[] prompt = Arrays.copyOf(s.ids(), s.promptLength());
        int[] answer = Arrays.copyOfRange(s.ids(), s.promptLength(), s.ids().length);
        assertThat(prompt).containsExactly(tokenizer.encode("abc"));
        assertThat(answer).containsExactly(tokenizer.encode("def" + Task.END_OF_TEXT));
    }

    @Test
    void refusesAPairLongerThanTheContextBeforeWritingAnything() {
        List<Example> train = new ArrayList<>(pairs(30));
        train.add(new Example(null, "long question " + "word ".repeat(40), "short answer"));
        Path out = dir.resolve("work");
        assertThatThrownBy(() -> new TrainingPipeline(TINY, line -> { }).run(train, pairs(3), out, "test", "test",
                Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a training pair is")
                .hasMessageContaining("longer than the context of 32 tokens allows")
                .hasMessageContaining("'long question word word");
        assertThat(out).doesNotExist();
    }

    @Test
    void anInterruptedRunLeavesNoRunRecordForTheBundleStageToTrust() throws Exception {
        Path out = Files.createDirectories(dir.resolve("work"));
        new RunRecord(TINY, 1, 1, 1, 1, "an earlier run", "earlier", RunRecord.TRAINED_TOKENIZER).write(out);
        RuntimeException interrupt = new RuntimeException("interrupted during training");
        assertThatThrownBy(() -> new TrainingPipeline(TINY, line -> {
            if (line.startsWith("step ")) {
                throw interrupt;
            }
        }).run(pairs(30), pairs(3), out, "test", "test", Optional.empty(), Optional.empty())).isSameAs(interrupt);
        assertThat(out.resolve("tokenizer.json")).exists();
        assertThat(out.resolve(RunRecord.FILE)).as("run.json of the earlier run beside this run's tokenizer").doesNotExist();
    }
}
