package io.minnow.modeltools.export;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.minnow.modeltools.train.DjlGpt;
import io.minnow.modeltools.train.GptWeights;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks that an exported model computes what was trained: on held-out token sequences, the float PyTorch
 * forward pass, the native TensorFlow Lite interpreter and Minnow's Java interpreter must pick the same next
 * token and give close logits. Each interpreter runs the {@code prefill} signature over the first half of a
 * sequence and then {@code decode}, one token at a time with the key/value cache, over the rest, exactly as
 * generation does; so both signatures are covered.
 *
 * <p>Tolerances (stated, and checked by the tests): the two interpreters run the same int8 model and must
 * agree on every next token, with logits within {@link #INTERPRETER_TOLERANCE} (at most, the hybrid kernels
 * quantize activations on the fly, and a value on a rounding edge can go either way) and
 * {@link #INTERPRETER_MEAN_TOLERANCE} on average; against the float model the
 * int8 export must pick the same token wherever the float model's top two logits are more than
 * {@link #DECISIVE_MARGIN} apart, and its logits must stay within {@link #INT8_TOLERANCE} ({@link
 * #INT8_MEAN_TOLERANCE} on average). Logits of the trained models span roughly ±20; measured on the default
 * model v1/v2: float vs int8 max 0.70/1.01, mean 0.034/0.046; native vs Java max 0.043/0.106, mean
 * 0.00009/0.00079 — the rare larger gaps are activations on a rounding edge of the hybrid kernels' on-the-fly
 * quantization. Not thread-safe.
 */
public final class ThreeWayCheck {

    /** Largest logit difference allowed between the native and the Java interpreter. */
    public static final double INTERPRETER_TOLERANCE = 0.25;
    /** Largest mean logit difference allowed between the native and the Java interpreter. */
    public static final double INTERPRETER_MEAN_TOLERANCE = 2e-3;
    /** Largest logit difference allowed between the float model and the int8 export. */
    public static final double INT8_TOLERANCE = 2.0;
    /** Largest mean logit difference allowed between the float model and the int8 export. */
    public static final double INT8_MEAN_TOLERANCE = 0.1;
    /** A float top-1/top-2 logit gap above which the int8 export must choose the same token. */
    public static final double DECISIVE_MARGIN = 0.5;

    /** How two of the three agreed over all positions. */
    public record Agreement(String pair, int positions, int sameToken, int decisivePositions, int decisiveSameToken,
                            double maxAbsDiff, double meanAbsDiff) {
        public String line() {
            return String.format(java.util.Locale.ROOT,
                    "%-16s %d positions, same next token %d (%.2f%%), decisive %d/%d, logits max |diff| %.5f mean %.5f",
                    pair, positions, sameToken, 100.0 * sameToken / positions, decisiveSameToken, decisivePositions,
                    maxAbsDiff, meanAbsDiff);
        }
    }

    /** The three pairwise agreements. */
    public record Report(Agreement torchVsNative, Agreement torchVsJava, Agreement nativeVsJava) {
        /** Whether every stated tolerance holds. */
        public boolean passes() {
            return nativeVsJava.sameToken() == nativeVsJava.positions()
                    && nativeVsJava.maxAbsDiff() <= INTERPRETER_TOLERANCE
                    && nativeVsJava.meanAbsDiff() <= INTERPRETER_MEAN_TOLERANCE
                    && torchVsNative.decisiveSameToken() == torchVsNative.decisivePositions()
                    && torchVsJava.decisiveSameToken() == torchVsJava.decisivePositions()
                    && torchVsNative.maxAbsDiff() <= INT8_TOLERANCE
                    && torchVsJava.maxAbsDiff() <= INT8_TOLERANCE
                    && torchVsNative.meanAbsDiff() <= INT8_MEAN_TOLERANCE
                    && torchVsJava.meanAbsDiff() <= INT8_MEAN_TOLERANCE;
        }

        public List<String> lines() {
            return List.of(torchVsNative.line(), torchVsJava.line(), nativeVsJava.line());
        }
    }

    private ThreeWayCheck() {}

    /**
     * Runs the check.
     *
     * @param nativeInterpreter opens the native interpreter over the exported model
     * @param javaInterpreter opens the Java interpreter over the exported model
     * @param sequences token ids of held-out text, each at least 2 long; only the first context-length ids of
     *     a longer one run (a training sequence holds one id more than the context, a target only)
     */
    public static Report run(GptWeights weights, Supplier<Interpreter> nativeInterpreter,
                             Supplier<Interpreter> javaInterpreter, List<int[]> sequences) {
        int vocab = weights.config().vocabSize();
        List<int[]> inputs = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            int[] ids = sequences.get(i);
            if (ids.length < 2) {
                throw new IllegalArgumentException("check sequence " + i + " has " + ids.length
                        + (ids.length == 1 ? " token" : " tokens") + "; it needs at least 2");
            }
            inputs.add(java.util.Arrays.copyOf(ids, Math.min(ids.length, weights.config().contextLength())));
        }
        List<float[]> torch = new ArrayList<>();
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager(); DjlGpt model = new DjlGpt(weights, root, false)) {
            for (int[] ids : inputs) {
                long[] l = new long[ids.length];
                for (int i = 0; i < l.length; i++) {
                    l[i] = ids[i];
                }
                try (NDManager m = root.newSubManager()) {
                    torch.add(model.forward(m.create(l, new Shape(1, l.length))).toFloatArray());
                }
            }
        }
        List<float[]> nativeLogits = interpreterLogits(nativeInterpreter, inputs, weights.config().layers(), vocab);
        List<float[]> javaLogits = interpreterLogits(javaInterpreter, inputs, weights.config().layers(), vocab);
        return new Report(compare("torch vs native", torch, nativeLogits, vocab),
                compare("torch vs java", torch, javaLogits, vocab),
                compare("native vs java", nativeLogits, javaLogits, vocab));
    }

    /** Logits {@code [T, V]} per sequence: prefill over the first half, then one decode step per token. */
    static List<float[]> interpreterLogits(Supplier<Interpreter> open, List<int[]> sequences, int layers, int vocab) {
        List<float[]> out = new ArrayList<>();
        try (Interpreter interpreter = open.get()) {
            for (int[] ids : sequences) {
                float[] logits = new float[ids.length * vocab];
                int prefill = Math.max(1, ids.length / 2);
                Map<String, Tensor> in = new HashMap<>();
                in.put("tokens", Tensor.ofInts(new int[] {1, prefill}, java.util.Arrays.copyOf(ids, prefill)));
                in.put("positions", Tensor.ofInts(new int[] {1, prefill}, range(0, prefill)));
                in.put("mask", Tensor.ofFloats(new int[] {1, 1, prefill, prefill}, causalMask(prefill)));
                Map<String, Tensor> result = interpreter.runSignature("prefill", in);
                System.arraycopy(result.get("logits").toFloatArray(), 0, logits, 0, prefill * vocab);
                List<float[]> pastK = new ArrayList<>();
                List<float[]> pastV = new ArrayList<>();
                int[] kvShape = result.get("k_0").shape();
                for (int l = 0; l < layers; l++) {
                    pastK.add(result.get("k_" + l).toFloatArray());
                    pastV.add(result.get("v_" + l).toFloatArray());
                }
                for (int p = prefill; p < ids.length; p++) {
                    Map<String, Tensor> step = new HashMap<>();
                    step.put("tokens", Tensor.ofInts(new int[] {1, 1}, ids[p]));
                    step.put("positions", Tensor.ofInts(new int[] {1, 1}, p));
                    step.put("mask", Tensor.ofFloats(new int[] {1, 1, 1, p + 1}, new float[p + 1]));
                    int[] pastShape = {1, kvShape[1], p, kvShape[3]};
                    for (int l = 0; l < layers; l++) {
                        step.put("past_k_" + l, Tensor.ofFloats(pastShape, pastK.get(l)));
                        step.put("past_v_" + l, Tensor.ofFloats(pastShape, pastV.get(l)));
                    }
                    Map<String, Tensor> r = interpreter.runSignature("decode", step);
                    System.arraycopy(r.get("logits").toFloatArray(), 0, logits, p * vocab, vocab);
                    for (int l = 0; l < layers; l++) {
                        pastK.set(l, appendPosition(pastK.get(l), r.get("k_" + l).toFloatArray(), kvShape[1], p, kvShape[3]));
                        pastV.set(l, appendPosition(pastV.get(l), r.get("v_" + l).toFloatArray(), kvShape[1], p, kvShape[3]));
                    }
                }
                out.add(logits);
            }
        }
        return out;
    }

    /** Cache {@code [1, H, P, D]} plus one new position {@code [1, H, 1, D]} gives {@code [1, H, P+1, D]}. */
    private static float[] appendPosition(float[] past, float[] next, int heads, int p, int d) {
        float[] out = new float[heads * (p + 1) * d];
        for (int h = 0; h < heads; h++) {
            System.arraycopy(past, h * p * d, out, h * (p + 1) * d, p * d);
            System.arraycopy(next, h * d, out, h * (p + 1) * d + p * d, d);
        }
        return out;
    }

    private static Agreement compare(String pair, List<float[]> a, List<float[]> b, int vocab) {
        int positions = 0;
        int same = 0;
        int decisive = 0;
        int decisiveSame = 0;
        double max = 0;
        double sum = 0;
        long count = 0;
        for (int s = 0; s < a.size(); s++) {
            float[] x = a.get(s);
            float[] y = b.get(s);
            for (int off = 0; off < x.length; off += vocab) {
                int ax = argmax(x, off, vocab);
                int ay = argmax(y, off, vocab);
                positions++;
                if (ax == ay) {
                    same++;
                }
                if (margin(x, off, vocab, ax) > DECISIVE_MARGIN) {
                    decisive++;
                    if (ax == ay) {
                        decisiveSame++;
                    }
                }
                for (int i = off; i < off + vocab; i++) {
                    double diff = Math.abs(x[i] - y[i]);
                    max = Math.max(max, diff);
                    sum += diff;
                    count++;
                }
            }
        }
        return new Agreement(pair, positions, same, decisive, decisiveSame, max, sum / count);
    }

    private static int argmax(float[] v, int off, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (v[off + i] > v[off + best]) {
                best = i;
            }
        }
        return best;
    }

    private static double margin(float[] v, int off, int n, int top) {
        double second = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (i != top) {
                second = Math.max(second, v[off + i]);
            }
        }
        return v[off + top] - second;
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static float[] causalMask(int t) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = -1e9f;
            }
        }
        return m;
    }
}
