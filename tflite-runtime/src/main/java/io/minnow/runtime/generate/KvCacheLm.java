package io.minnow.runtime.generate;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A model in the kv-cache convention (docs/model-conventions.md): {@code prefill} on an empty state, then
 * {@code decode} with the cached keys and values as {@code past_*}. This class owns the cache, so each new
 * token costs the model one token of work; only attention and the copy of the past grow with the length.
 *
 * <p>The past is passed padded to a multiple of {@link #PAST_BUCKET} positions, with the padding masked out
 * ({@code -1e9}, so its softmax weight is exactly 0). Input shapes then change once every {@link #PAST_BUCKET}
 * tokens instead of on every token, and interpreters re-plan their memory (TensorFlow Lite's
 * {@code allocateTensors}) that much less often: on a 2M-parameter model that halved the time per token.
 *
 * <p>Not thread-safe. Closing it closes the interpreter.
 */
public final class KvCacheLm extends InterpreterLm {
    /** Signature keys of the kv-cache convention. */
    public static final String PREFILL = "prefill";
    public static final String DECODE = "decode";
    private static final float MASKED = -1e9f;
    /** Past lengths are rounded up to a multiple of this. */
    static final int PAST_BUCKET = 32;

    private final int layers;
    private final int heads;
    private final int headSize;
    // Per layer: (head, position < contextLength, headSize), so a head's past is one contiguous run.
    private final float[][] keys;
    private final float[][] values;

    /**
     * @param geometry the cache's shape; the bundle's convention check reads it from the model
     */
    public KvCacheLm(Interpreter interpreter, int contextLength, int vocabSize, KvCacheGeometry geometry) {
        super(interpreter, contextLength, vocabSize);
        this.layers = geometry.layers();
        this.heads = geometry.heads();
        this.headSize = geometry.headSize();
        this.keys = new float[layers][heads * contextLength * headSize];
        this.values = new float[layers][heads * contextLength * headSize];
    }

    @Override
    public float[] append(int[] tokens) {
        int count = tokens.length;
        checkAppend(count);
        int past = length;
        int padded = past == 0 ? 0 : Math.min(contextLength, (past + PAST_BUCKET - 1) / PAST_BUCKET * PAST_BUCKET);
        Map<String, Tensor> inputs = new HashMap<>();
        inputs.put("tokens", Tensor.ofInts(new int[] {1, count}, tokens));
        int[] positions = new int[count];
        for (int i = 0; i < count; i++) {
            positions[i] = past + i;
        }
        inputs.put("positions", Tensor.ofInts(new int[] {1, count}, positions));
        inputs.put("mask", mask(past, padded, count));
        if (past > 0) {
            for (int layer = 0; layer < layers; layer++) {
                inputs.put("past_k_" + layer, pastTensor(keys[layer], padded));
                inputs.put("past_v_" + layer, pastTensor(values[layer], padded));
            }
        }
        Map<String, Tensor> outputs = interpreter.runSignature(past == 0 ? PREFILL : DECODE, inputs);
        for (int layer = 0; layer < layers; layer++) {
            store(required(outputs, "k_" + layer), keys[layer], past, count);
            store(required(outputs, "v_" + layer), values[layer], past, count);
        }
        length = past + count;
        return logitsAt(required(outputs, "logits"), count - 1);
    }

    private static Tensor required(Map<String, Tensor> outputs, String name) {
        Tensor t = outputs.get(name);
        if (t == null) {
            throw new IllegalStateException("the model's signature has no output named " + name
                    + "; the kv-cache convention needs it (docs/model-conventions.md)");
        }
        return t;
    }

    /**
     * Row i may see the real past and the new positions up to its own; the padding between the real past and
     * {@code padded} is masked. Padded cache slots hold stale but finite values, so 0 weight keeps them out.
     */
    private static Tensor mask(int past, int padded, int count) {
        int width = padded + count;
        float[] mask = new float[count * width];
        for (int row = 0; row < count; row++) {
            for (int col = past; col < padded; col++) {
                mask[row * width + col] = MASKED;
            }
            for (int col = padded + row + 1; col < width; col++) {
                mask[row * width + col] = MASKED;
            }
        }
        return Tensor.ofFloats(new int[] {1, 1, count, width}, mask);
    }

    private Tensor pastTensor(float[] cache, int past) {
        return Tensor.write(DataType.FLOAT32, new int[] {1, heads, past, headSize}, bytes -> {
            FloatBuffer floats = bytes.asFloatBuffer();
            for (int h = 0; h < heads; h++) {
                floats.put(cache, h * contextLength * headSize, past * headSize);
            }
        });
    }

    private void store(Tensor fresh, float[] cache, int past, int count) {
        int[] shape = fresh.shape();
        if (shape.length != 4 || shape[1] != heads || shape[2] != count || shape[3] != headSize) {
            throw new IllegalStateException("cache output has shape " + Arrays.toString(shape)
                    + ", expected [1, " + heads + ", " + count + ", " + headSize + "]");
        }
        FloatBuffer floats = fresh.data().asFloatBuffer();
        for (int h = 0; h < heads; h++) {
            floats.get(cache, (h * contextLength + past) * headSize, count * headSize);
        }
    }

    @Override
    public Optional<LmSnapshot> snapshot() {
        float[][] k = new float[layers][];
        float[][] v = new float[layers][];
        for (int layer = 0; layer < layers; layer++) {
            k[layer] = compact(keys[layer]);
            v[layer] = compact(values[layer]);
        }
        return Optional.of(new Snapshot(length, heads, headSize, k, v));
    }

    private float[] compact(float[] cache) {
        float[] out = new float[heads * length * headSize];
        for (int h = 0; h < heads; h++) {
            System.arraycopy(cache, h * contextLength * headSize, out, h * length * headSize, length * headSize);
        }
        return out;
    }

    @Override
    public void restore(LmSnapshot snapshot) {
        if (!(snapshot instanceof Snapshot s) || s.heads != heads || s.headSize != headSize
                || s.keys.length != layers || s.length > contextLength) {
            throw new IllegalArgumentException("snapshot " + snapshot + " does not fit this model");
        }
        for (int layer = 0; layer < layers; layer++) {
            for (int h = 0; h < heads; h++) {
                System.arraycopy(s.keys[layer], h * s.length * headSize,
                        keys[layer], h * contextLength * headSize, s.length * headSize);
                System.arraycopy(s.values[layer], h * s.length * headSize,
                        values[layer], h * contextLength * headSize, s.length * headSize);
            }
        }
        length = s.length;
    }

    private record Snapshot(int length, int heads, int headSize, float[][] keys, float[][] values)
            implements LmSnapshot {
        @Override
        public long sizeBytes() {
            return 2L * keys.length * heads * length * headSize * Float.BYTES;
        }

        @Override
        public String toString() {
            return "kv snapshot of " + length + " tokens (" + keys.length + " layers, " + heads + " heads of "
                    + headSize + ")";
        }
    }
}
