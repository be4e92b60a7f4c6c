package io.minnow.runtime.bundle;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.TensorInfo;
import io.minnow.runtime.generate.KvCacheGeometry;
import io.minnow.runtime.generate.KvCacheLm;
import java.util.Arrays;
import java.util.Map;

/**
 * Checks that a model's tensors follow the convention model.json declares (docs/model-conventions.md), with
 * the declared context length and vocabulary size. Stateless.
 */
public final class ConventionCheck {
    private static final String FIELD = ModelBundle.MODEL_ENTRY;

    private ConventionCheck() {
    }

    /** Checks a window model's {@code tokens} input and {@code logits} output. */
    public static void checkWindow(Interpreter interpreter, ModelManifest manifest) throws BundleException {
        TensorInfo tokens = find(interpreter, "tokens", true);
        TensorInfo logits = find(interpreter, "logits", false);
        int ctx = manifest.contextLength();
        expect(tokens, DataType.INT32, new int[] {1, ctx}, "context_length");
        expect(logits, DataType.FLOAT32, new int[] {1, ctx, manifest.vocabSize()}, "context_length and vocab_size");
    }

    /**
     * Checks a kv-cache model's signatures by running {@code prefill} on one token, at position 0 and at the
     * last position of the declared context (a position table shorter than {@code context_length} fails
     * there on the Java backend; TensorFlow Lite 2.6.2's GATHER does not check bounds), and reads the cache
     * geometry from the outputs. Costs two tokens of model work.
     */
    public static KvCacheGeometry checkKvCache(Interpreter interpreter, ModelManifest manifest) throws BundleException {
        for (String key : new String[] {KvCacheLm.PREFILL, KvCacheLm.DECODE}) {
            if (!interpreter.signatureKeys().contains(key)) {
                throw new BundleException(FIELD, "has no '" + key + "' signature, which the kv-cache convention"
                        + " needs; it has " + interpreter.signatureKeys());
            }
        }
        Map<String, Tensor> out;
        try {
            out = prefillOne(interpreter, 0);
        } catch (RuntimeException e) {
            throw new BundleException(FIELD + ":prefill", "failed on one token with inputs tokens, positions and"
                    + " mask: " + e.getMessage(), e);
        }
        try {
            prefillOne(interpreter, manifest.contextLength() - 1);
        } catch (RuntimeException e) {
            throw new BundleException(ManifestJson.ENTRY + ":context_length", "is " + manifest.contextLength()
                    + " but the model fails at position " + (manifest.contextLength() - 1) + ": " + e.getMessage(), e);
        }
        Tensor logits = out.get("logits");
        if (logits == null || !Arrays.equals(logits.shape(), new int[] {1, 1, manifest.vocabSize()})) {
            throw new BundleException(FIELD + ":logits", "after one token is "
                    + (logits == null ? "missing" : Arrays.toString(logits.shape())) + "; model.json's vocab_size "
                    + manifest.vocabSize() + " needs [1, 1, " + manifest.vocabSize() + "]");
        }
        int layers = 0;
        while (out.containsKey("k_" + layers) && out.containsKey("v_" + layers)) {
            layers++;
        }
        if (layers == 0) {
            throw new BundleException(FIELD + ":k_0", "prefill has no k_0/v_0 outputs; it has " + out.keySet());
        }
        int[] shape = out.get("k_0").shape();
        if (shape.length != 4 || shape[0] != 1 || shape[2] != 1) {
            throw new BundleException(FIELD + ":k_0", "after one token is " + Arrays.toString(shape)
                    + "; expected [1, heads, 1, head_size]");
        }
        for (int i = 0; i < layers; i++) {
            for (String name : new String[] {"k_" + i, "v_" + i}) {
                if (!Arrays.equals(out.get(name).shape(), shape)) {
                    throw new BundleException(FIELD + ":" + name, "is " + Arrays.toString(out.get(name).shape())
                            + " but k_0 is " + Arrays.toString(shape) + "; every layer's cache must match");
                }
            }
        }
        return new KvCacheGeometry(layers, shape[1], shape[3]);
    }

    private static Map<String, Tensor> prefillOne(Interpreter interpreter, int position) {
        return interpreter.runSignature(KvCacheLm.PREFILL, Map.of(
                "tokens", Tensor.ofInts(new int[] {1, 1}, 0),
                "positions", Tensor.ofInts(new int[] {1, 1}, position),
                "mask", Tensor.ofFloats(new int[] {1, 1, 1, 1}, 0f)));
    }

    private static TensorInfo find(Interpreter interpreter, String name, boolean input) throws BundleException {
        try {
            return input ? interpreter.inputs().get(interpreter.inputIndex(name))
                    : interpreter.outputs().get(interpreter.outputIndex(name));
        } catch (IllegalArgumentException e) {
            throw new BundleException(FIELD + ":" + name, "the window convention needs an "
                    + (input ? "input" : "output") + " named '" + name + "'", e);
        }
    }

    private static void expect(TensorInfo t, DataType type, int[] shape, String fields) throws BundleException {
        if (t.dataType() != type || !Arrays.equals(t.shape(), shape)) {
            throw new BundleException(FIELD + ":" + t.name(), "is " + t.dataType() + Arrays.toString(t.shape())
                    + "; model.json's " + fields + " need " + type + Arrays.toString(shape));
        }
    }
}
