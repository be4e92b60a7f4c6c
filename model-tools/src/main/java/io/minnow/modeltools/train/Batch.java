package io.minnow.modeltools.train;

import java.util.List;

/**
 * A padded batch in row-major arrays: inputs {@code [rows, length]}, the next token at each position and a
 * loss weight of 1 where that prediction counts (answer tokens) and 0 elsewhere (prompt and padding).
 * Immutable once built.
 */
record Batch(int rows, int length, long[] inputs, long[] targets, float[] weights, int counted) {

    static Batch of(List<TrainingSequence> sequences, int padId) {
        int length = sequences.stream().mapToInt(s -> s.ids().length - 1).max().orElseThrow();
        int rows = sequences.size();
        long[] inputs = new long[rows * length];
        long[] targets = new long[rows * length];
        float[] weights = new float[rows * length];
        java.util.Arrays.fill(inputs, padId);
        java.util.Arrays.fill(targets, padId);
        int counted = 0;
        for (int r = 0; r < rows; r++) {
            TrainingSequence s = sequences.get(r);
            int[] ids = s.ids();
            for (int j = 0; j + 1 < ids.length; j++) {
                inputs[r * length + j] = ids[j];
                targets[r * length + j] = ids[j + 1];
                if (j + 1 >= s.promptLength()) {
                    weights[r * length + j] = 1f;
                    counted++;
                }
            }
        }
        return new Batch(rows, length, inputs, targets, weights, counted);
    }
}
