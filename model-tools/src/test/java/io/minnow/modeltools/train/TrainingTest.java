package io.minnow.modeltools.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingTest {

    static final GptConfig TINY = new GptConfig(40, 16, 16, 2, 2, 32);

    /** Sequences where the answer repeats the prompt, so a few steps can learn it. */
    static List<TrainingSequence> copyTask(int n) {
        SplittableRandom r = new SplittableRandom(5);
        List<TrainingSequence> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int a = 2 + r.nextInt(30);
            int b = 2 + r.nextInt(30);
            out.add(new TrainingSequence(new int[] {1, a, b, 1, a, b, 0}, 4));
        }
        return out;
    }

    @Test
    void parameterCountMatchesTheTensors() {
        long fromShapes = GptWeights.shapes(TINY).values().stream()
                .mapToLong(s -> java.util.Arrays.stream(s).asLongStream().reduce(1, (x, y) -> x * y)).sum();
        assertThat(TINY.parameterCount()).isEqualTo(fromShapes);
        assertThat(new GptConfig(1024, 128, 128, 4, 4, 512).parameterCount()).isEqualTo(1_071_872);
    }

    @Test
    void trainingLowersTheLossAndIsReproducible() {
        TrainingRecipe recipe = new TrainingRecipe(11, 40, 16, 1e-2f, 4, 0.01f);
        List<TrainingProgress> reports = new ArrayList<>();
        List<TrainingSequence> data = copyTask(200);
        GptWeights a = new LmTrainer(recipe, 0, 10).train(GptWeights.initial(TINY, 1), data, reports::add);
        GptWeights b = new LmTrainer(recipe, 0, 10).train(GptWeights.initial(TINY, 1), data, p -> { });
        assertThat(reports).hasSize(4);
        assertThat(reports.get(3).loss()).isLessThan(reports.get(0).loss() * 0.8);
        assertThat(reports).allMatch(p -> p.tokensPerSecond() > 0 && p.line().contains("ETA"));
        assertThat(LmTrainer.meanLoss(a, data, 0)).isLessThan(LmTrainer.meanLoss(GptWeights.initial(TINY, 1), data, 0));
        for (GptWeights.Tensor t : a.all()) {
            assertThat(b.get(t.name()).values()).as(t.name()).containsExactly(t.values());
        }
    }

    @Test
    void rejectsSequencesLongerThanTheContext() {
        TrainingRecipe recipe = new TrainingRecipe(1, 2, 2, 1e-3f, 0, 0f);
        List<TrainingSequence> data = List.of(new TrainingSequence(new int[20], 0));
        assertThatThrownBy(() -> new LmTrainer(recipe, 0, 1).train(GptWeights.initial(TINY, 1), data, p -> { }))
                .hasMessageContaining("training sequence 0 has 20 tokens, more than the context of 16 + 1");
    }

    @Test
    void safetensorsRoundTripsWeightsAndShape(@TempDir Path dir) throws IOException {
        GptWeights w = GptWeights.initial(TINY, 9);
        Path f = dir.resolve("w.safetensors");
        SafetensorsFile.write(w, f);
        GptWeights back = SafetensorsFile.read(f);
        assertThat(back.config()).isEqualTo(TINY);
        for (GptWeights.Tensor t : w.all()) {
            assertThat(back.get(t.name()).shape()).containsExactly(t.shape());
            assertThat(back.get(t.name()).values()).containsExactly(t.values());
        }
    }

    @Test
    void weightsRejectMissingOrMisshapenTensors() {
        List<GptWeights.Tensor> tensors = new ArrayList<>(GptWeights.initial(TINY, 1).all());
        tensors.removeIf(t -> t.name().equals("ln_f.bias"));
        assertThatThrownBy(() -> new GptWeights(TINY, tensors)).hasMessageContaining("no tensor 'ln_f.bias'");
        assertThatThrownBy(() -> new GptWeights.Tensor("x", new int[] {2, 3}, new float[5]))
                .hasMessageContaining("has shape [2, 3] (6 values) but 5 values");
        List<GptWeights.Tensor> twice = new ArrayList<>(GptWeights.initial(TINY, 1).all());
        twice.add(twice.get(0));
        assertThatThrownBy(() -> new GptWeights(TINY, twice)).hasMessageContaining("two tensors named 'tok_emb'");
        Map<String, int[]> shapes = GptWeights.shapes(TINY);
        assertThat(shapes.get("layers.1.mlp.fc1.weight")).containsExactly(32, 16);
    }
}
