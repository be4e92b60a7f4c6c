package io.minnow.modeltools.export;

import io.minnow.modeltools.train.TrainingSequence;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Held-out perplexity of an exported model: each sequence runs through the {@code prefill} signature, and
 * the log-probability of every counted target (answer tokens, as in training) is summed. Stateless.
 */
final class Int8Perplexity {

    private Int8Perplexity() {}

    static double compute(Interpreter interpreter, List<TrainingSequence> sequences, int vocab) {
        double nll = 0;
        long counted = 0;
        for (TrainingSequence s : sequences) {
            int[] ids = s.ids();
            int t = ids.length - 1;
            int[] positions = new int[t];
            float[] mask = new float[t * t];
            for (int i = 0; i < t; i++) {
                positions[i] = i;
                for (int j = i + 1; j < t; j++) {
                    mask[i * t + j] = -1e9f;
                }
            }
            float[] logits = interpreter.runSignature("prefill", Map.of(
                    "tokens", Tensor.ofInts(new int[] {1, t}, java.util.Arrays.copyOf(ids, t)),
                    "positions", Tensor.ofInts(new int[] {1, t}, positions),
                    "mask", Tensor.ofFloats(new int[] {1, 1, t, t}, mask))).get("logits").toFloatArray();
            for (int j = 0; j < t; j++) {
                if (j + 1 < s.promptLength()) {
                    continue;
                }
                int off = j * vocab;
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < vocab; v++) {
                    max = Math.max(max, logits[off + v]);
                }
                double sum = 0;
                for (int v = 0; v < vocab; v++) {
                    sum += Math.exp(logits[off + v] - max);
                }
                nll -= logits[off + ids[j + 1]] - max - Math.log(sum);
                counted++;
            }
        }
        return Math.exp(nll / counted);
    }
}
