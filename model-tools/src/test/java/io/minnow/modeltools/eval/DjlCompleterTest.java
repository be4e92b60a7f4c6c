package io.minnow.modeltools.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.minnow.modeltools.corpus.Task;
import io.minnow.modeltools.tokenizer.BpeModel;
import io.minnow.modeltools.tokenizer.BpeTrainer;
import io.minnow.modeltools.tokenizer.BpeTrainerConfig;
import io.minnow.modeltools.train.DjlGpt;
import io.minnow.modeltools.train.GptConfig;
import io.minnow.modeltools.train.GptWeights;
import java.util.List;
import org.junit.jupiter.api.Test;

class DjlCompleterTest {

    @Test
    void aPromptLongerThanTheContextGetsAnEmptyAnswerAndTheOthersStillComplete() {
        BpeModel tokenizer = new BpeTrainer(new BpeTrainerConfig(270, 2, Task.specialTokens())).train(List.of("a b c"));
        GptConfig config = new GptConfig(tokenizer.vocabSize(), 8, 16, 1, 2, 32);
        String tooLong = "x".repeat(20);
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
             DjlGpt model = new DjlGpt(GptWeights.initial(config, 1), root, false)) {
            DjlCompleter completer = new DjlCompleter(model, tokenizer, tokenizer.id(Task.END_OF_TEXT));
            List<String> answers = completer.complete(List.of("ab", tooLong, "c"), 3);
            assertThat(answers).hasSize(3);
            assertThat(answers.get(1)).isEmpty();
            assertThat(answers.get(0)).isEqualTo(completer.complete(List.of("ab"), 3).get(0));
            assertThat(answers.get(2)).isEqualTo(completer.complete(List.of("c"), 3).get(0));
        }
    }
}
