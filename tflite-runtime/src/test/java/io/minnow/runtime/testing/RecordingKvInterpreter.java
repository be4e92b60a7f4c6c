package io.minnow.runtime.testing;

import io.minnow.runtime.Backend;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.TensorInfo;
import io.minnow.runtime.generate.KvCacheLm;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for a kv-cache model that records what it is given and returns keys and values that encode
 * the token they belong to ({@code token * 100 + layer * 10 + head + d / 100}), so tests can see exactly
 * which past the runtime passed back. Logits favour {@code token + 1} of the last token.
 */
public final class RecordingKvInterpreter implements Interpreter {
    public record Call(String signature, Map<String, Tensor> inputs) {
    }

    public final List<Call> calls = new ArrayList<>();
    private final int layers;
    private final int heads;
    private final int headSize;
    private final int vocab;
    /** When set, the next run throws, as a broken native interpreter would. */
    public volatile boolean failNextRun;
    public volatile boolean closed;

    public RecordingKvInterpreter(int layers, int heads, int headSize, int vocab) {
        this.layers = layers;
        this.heads = heads;
        this.headSize = headSize;
        this.vocab = vocab;
    }

    public static float code(int token, int layer, int head, int d) {
        return token * 100 + layer * 10 + head + d / 100f;
    }

    @Override
    public Map<String, Tensor> runSignature(String signatureKey, Map<String, Tensor> inputs) {
        if (failNextRun) {
            failNextRun = false;
            throw new IllegalStateException("simulated interpreter failure");
        }
        calls.add(new Call(signatureKey, Map.copyOf(inputs)));
        int[] tokens = inputs.get("tokens").toIntArray();
        int t = tokens.length;
        Map<String, Tensor> out = new HashMap<>();
        float[] logits = new float[t * vocab];
        for (int i = 0; i < t; i++) {
            logits[i * vocab + (tokens[i] + 1) % vocab] = 1f;
        }
        out.put("logits", Tensor.ofFloats(new int[] {1, t, vocab}, logits));
        for (int layer = 0; layer < layers; layer++) {
            float[] k = new float[heads * t * headSize];
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < t; i++) {
                    for (int d = 0; d < headSize; d++) {
                        k[(h * t + i) * headSize + d] = code(tokens[i], layer, h, d);
                    }
                }
            }
            float[] v = k.clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = -v[i];
            }
            out.put("k_" + layer, Tensor.ofFloats(new int[] {1, heads, t, headSize}, k));
            out.put("v_" + layer, Tensor.ofFloats(new int[] {1, heads, t, headSize}, v));
        }
        return out;
    }

    @Override
    public List<String> signatureKeys() {
        return List.of(KvCacheLm.PREFILL, KvCacheLm.DECODE);
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public Backend backend() {
        return Backend.JAVA;
    }

    @Override
    public List<TensorInfo> inputs() {
        throw new UnsupportedOperationException("kv-cache models are run by signature");
    }

    @Override
    public List<TensorInfo> outputs() {
        throw new UnsupportedOperationException("kv-cache models are run by signature");
    }

    @Override
    public int inputIndex(String name) {
        throw new UnsupportedOperationException("kv-cache models are run by signature");
    }

    @Override
    public int outputIndex(String name) {
        throw new UnsupportedOperationException("kv-cache models are run by signature");
    }

    @Override
    public void resizeInput(int inputIndex, int[] shape) {
        throw new UnsupportedOperationException("kv-cache models are run by signature");
    }

    @Override
    public void setInput(int inputIndex, Tensor value) {
        throw new UnsupportedOperationException("kv-cache models are run by signature");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("kv-cache models are run by signature");
    }

    @Override
    public Tensor output(int outputIndex) {
        throw new UnsupportedOperationException("kv-cache models are run by signature");
    }
}
