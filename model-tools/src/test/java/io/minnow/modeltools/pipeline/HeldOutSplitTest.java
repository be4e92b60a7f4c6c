package io.minnow.modeltools.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.modeltools.corpus.Example;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HeldOutSplitTest {

    static List<Example> examples(int n, int chars) {
        return IntStream.range(0, n).mapToObj(i -> new Example(null, "q" + i + " ", "a".repeat(chars))).toList();
    }

    @Test
    void rejectsTooFewExamplesOrTooLittleTextNamingTheSource() {
        assertThatThrownBy(() -> HeldOutSplit.split(examples(5, 1000), 0.1, 1, "tiny.jsonl"))
                .hasMessageContaining("tiny.jsonl is too small to train on: 5 examples")
                .hasMessageContaining("at least 20 examples");
        assertThatThrownBy(() -> HeldOutSplit.split(examples(30, 3), 0.1, 1, "short.txt"))
                .hasMessageContaining("short.txt is too small to train on: 30 examples and");
    }

    @Test
    void splitsDisjointlyAndReproducibly() {
        List<Example> all = examples(200, 20);
        HeldOutSplit.Split a = HeldOutSplit.split(all, 0.05, 3, "x");
        assertThat(a.heldOut()).hasSize(10);
        assertThat(a.train()).hasSize(190);
        var train = new HashSet<>(a.train());
        assertThat(a.heldOut()).noneMatch(train::contains);
        assertThat(HeldOutSplit.split(all, 0.05, 3, "x")).isEqualTo(a);
        assertThat(HeldOutSplit.split(all, 0.05, 4, "x").heldOut()).isNotEqualTo(a.heldOut());
    }

    @Test
    void keepsEveryCopyOfARepeatedExampleOnOneSide() {
        List<Example> twice = new ArrayList<>(examples(100, 20));
        twice.addAll(examples(100, 20));
        HeldOutSplit.Split split = HeldOutSplit.split(twice, 0.1, 3, "x");
        assertThat(split.train()).doesNotContainAnyElementsOf(split.heldOut()).hasSize(180);
        assertThat(split.heldOut()).hasSize(10).doesNotHaveDuplicates();
        assertThat(new HashSet<>(split.train())).hasSize(90);
    }

    @Test
    void rejectsACorpusOfOneRepeatedExampleInsteadOfTrainingOnNothing() {
        // 25 copies pass the size check, but as one distinct example they all go to the held-out side.
        List<Example> same = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            same.add(new Example(null, "q ", "a".repeat(100)));
        }
        assertThatThrownBy(() -> HeldOutSplit.split(same, 0.05, 1, "same.jsonl"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("same.jsonl has only 1 distinct example");
    }

    @Test
    void rejectsABadFraction() {
        assertThatThrownBy(() -> HeldOutSplit.split(examples(100, 100), 0.9, 1, "x"))
                .hasMessageContaining("held-out fraction must be in (0, 0.5], got 0.9");
    }
}
