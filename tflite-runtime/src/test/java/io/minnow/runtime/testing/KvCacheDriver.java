package io.minnow.runtime.testing;

import io.minnow.runtime.Interpreter;
import io.minnow.runtime.Tensor;
import java.util.HashMap;
import java.util.Map;

/**
 * Drives a kv-cache model the way the generation loop does: {@code prefill} once, then {@code decode} steps
 * that feed back the concatenated caches. Keeps its own caches; one per interpreter. Not thread-safe.
 */
public final class KvCacheDriver {
    private final Interpreter interpreter;
    private final int layers;
    private final int heads;
    private final int headDim;
    private float[][] keys;
    private float[][] values;
    private int past;

    public KvCacheDriver(Interpreter interpreter, int layers, int heads, int headDim) {
        this.interpreter = interpreter;
        this.layers = layers;
        this.heads = heads;
        this.headDim = headDim;
    }

    /** Runs prefill (no past) or decode on {@code tokens}; returns the logits [1, T, V] and appends the caches. */
    public Tensor step(int... tokens) {
        int t = tokens.length;
        int[] positions = new int[t];
        for (int i = 0; i < t; i++) {
            positions[i] = past + i;
        }
        Map<String, Tensor> in = new HashMap<>();
        in.put("tokens", Tensor.ofInts(new int[] {1, t}, tokens));
        in.put("positions", Tensor.ofInts(new int[] {1, t}, positions));
        in.put("mask", Tensor.ofFloats(new int[] {1, 1, t, past + t}, causalMask(t, past)));
        if (past > 0) {
            for (int l = 0; l < layers; l++) {
                in.put("past_k_" + l, Tensor.ofFloats(new int[] {1, heads, past, headDim}, keys[l]));
                in.put("past_v_" + l, Tensor.ofFloats(new int[] {1, heads, past, headDim}, values[l]));
            }
        }
        Map<String, Tensor> out = interpreter.runSignature(past == 0 ? "prefill" : "decode", in);
        float[][] newKeys = new float[layers][];
        float[][] newValues = new float[layers][];
        for (int l = 0; l < layers; l++) {
            newKeys[l] = append(past == 0 ? null : keys[l], output(out, "k_" + l).toFloatArray(), t);
            newValues[l] = append(past == 0 ? null : values[l], output(out, "v_" + l).toFloatArray(), t);
        }
        keys = newKeys;
        values = newValues;
        past += t;
        return output(out, "logits");
    }

    private static Tensor output(Map<String, Tensor> out, String name) {
        Tensor t = out.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the model has no output '" + name + "'; it has " + out.keySet());
        }
        return t;
    }

    /** Tokens seen so far. */
    public int past() {
        return past;
    }

    /** Additive mask [1, 1, T, P+T]: 0 where new token i may see key j (j <= P + i), -1e9 elsewhere. */
    public static float[] causalMask(int t, int past) {
        int s = past + t;
        float[] mask = new float[t * s];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < s; j++) {
                mask[i * s + j] = j <= past + i ? 0f : -1e9f;
            }
        }
        return mask;
    }

    /** Concatenates [1, H, P, D] and [1, H, T, D] along the sequence axis. */
    private float[] append(float[] cache, float[] fresh, int t) {
        if (cache == null) {
            return fresh;
        }
        float[] out = new float[cache.length + fresh.length];
        int oldRow = past * headDim;
        int newRow = t * headDim;
        for (int h = 0; h < heads; h++) {
            System.arraycopy(cache, h * oldRow, out, h * (oldRow + newRow), oldRow);
            System.arraycopy(fresh, h * newRow, out, h * (oldRow + newRow) + oldRow, newRow);
        }
        return out;
    }
}
