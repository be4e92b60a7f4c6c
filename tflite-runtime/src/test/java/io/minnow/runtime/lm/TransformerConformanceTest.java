package io.minnow.runtime.lm;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.testing.KvCacheDriver;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Whole-model conformance: random-weight causal LMs exported in both conventions run on the native TensorFlow
 * Lite interpreter and on the Java backend, logits compared step by step.
 *
 * <p>Tolerance: |java − native| ≤ 1e-4 · max(1, max|logit|) per step. Both backends quantize activation rows
 * to int8 the same way before each hybrid FULLY_CONNECTED, so differences come only from float summation order
 * (observed: at most 5e-7 on logits of magnitude ~3). The margin covers a value landing on a rounding boundary
 * of that quantization and flipping by one int8 step, which would move a logit by ~1e-4 of its scale.
 */
class TransformerConformanceTest {
    static final TransformerConfig CONFIG = new TransformerConfig(61, 16, 32, 4, 2, 64);
    private static final InterpreterOptions NATIVE = InterpreterOptions.DEFAULT.withBackend(BackendChoice.NATIVE);
    private static final InterpreterOptions JAVA = InterpreterOptions.DEFAULT.withBackend(BackendChoice.JAVA);

    @Test
    void kvCacheModelMatchesNativeThroughPrefillAndDecodeSteps() {
        TfliteModel model = TfliteModel.fromBytes(
                TransformerExporter.export(RandomTransformer.weights(CONFIG, 7), ModelConvention.KV_CACHE));
        try (Interpreter nat = Interpreters.create(model, NATIVE); Interpreter java = Interpreters.create(model, JAVA)) {
            KvCacheDriver n = new KvCacheDriver(nat, CONFIG.layers(), CONFIG.heads(), CONFIG.headDim());
            KvCacheDriver j = new KvCacheDriver(java, CONFIG.layers(), CONFIG.heads(), CONFIG.headDim());
            int[][] steps = {{3, 14, 15, 9, 2}, {6}, {53}, {5, 8}, {60}, {0}};
            for (int[] tokens : steps) {
                Tensor expected = n.step(tokens);
                Tensor actual = j.step(tokens);
                assertThat(actual.shape()).containsExactly(1, tokens.length, CONFIG.vocabSize());
                assertClose(actual.toFloatArray(), expected.toFloatArray(), "after " + n.past() + " tokens");
            }
        }
    }

    @Test
    void windowModelMatchesNative() {
        TfliteModel model = TfliteModel.fromBytes(
                TransformerExporter.export(RandomTransformer.weights(CONFIG, 11), ModelConvention.WINDOW));
        int[] tokens = new int[CONFIG.contextLength()];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = (i * 37 + 5) % CONFIG.vocabSize();
        }
        try (Interpreter nat = Interpreters.create(model, NATIVE); Interpreter java = Interpreters.create(model, JAVA)) {
            float[] expected = window(nat, tokens);
            float[] actual = window(java, tokens);
            assertClose(actual, expected, "window");
        }
    }

    @Test
    void decodeStepsAgreeWithOneLongPrefillAndWithTheWindowModel() {
        TransformerWeights weights = RandomTransformer.weights(CONFIG, 5);
        TfliteModel kv = TfliteModel.fromBytes(TransformerExporter.export(weights, ModelConvention.KV_CACHE));
        TfliteModel win = TfliteModel.fromBytes(TransformerExporter.export(weights, ModelConvention.WINDOW));
        int[] tokens = {1, 2, 3, 4, 5, 6, 7};
        int v = CONFIG.vocabSize();
        try (Interpreter a = Interpreters.create(kv, JAVA); Interpreter b = Interpreters.create(kv, JAVA);
                Interpreter w = Interpreters.create(win, JAVA)) {
            float[] whole = new KvCacheDriver(a, CONFIG.layers(), CONFIG.heads(), CONFIG.headDim())
                    .step(tokens).toFloatArray();
            KvCacheDriver stepwise = new KvCacheDriver(b, CONFIG.layers(), CONFIG.heads(), CONFIG.headDim());
            stepwise.step(Arrays.copyOf(tokens, 4));
            stepwise.step(tokens[4]);
            stepwise.step(tokens[5]);
            float[] last = stepwise.step(tokens[6]).toFloatArray();
            assertClose(last, Arrays.copyOfRange(whole, 6 * v, 7 * v), "decode vs prefill");
            int[] padded = Arrays.copyOf(tokens, CONFIG.contextLength());
            float[] windowLogits = window(w, padded);
            assertClose(Arrays.copyOfRange(windowLogits, 0, 7 * v), whole, "window vs prefill");
        }
    }

    private static float[] window(Interpreter in, int[] tokens) {
        in.setInput(in.inputIndex("tokens"), Tensor.ofInts(new int[] {1, tokens.length}, tokens));
        in.run();
        Tensor logits = in.output(in.outputIndex("logits"));
        assertThat(logits.shape()).containsExactly(1, tokens.length, CONFIG.vocabSize());
        return logits.toFloatArray();
    }

    static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        float scale = 1f;
        float worst = 0f;
        for (int k = 0; k < expected.length; k++) {
            scale = Math.max(scale, Math.abs(expected[k]));
            worst = Math.max(worst, Math.abs(actual[k] - expected[k]));
        }
        assertThat(worst).as("%s: max |diff| %s against logit scale %s", what, worst, scale)
                .isLessThanOrEqualTo(1e-4f * scale);
        assertThat(spread(expected)).as("%s: logits must vary for the comparison to mean anything", what)
                .isGreaterThan(0.1f);
    }

    private static float spread(float[] v) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return max - min;
    }
}
