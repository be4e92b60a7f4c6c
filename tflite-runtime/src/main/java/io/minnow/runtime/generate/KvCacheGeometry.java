package io.minnow.runtime.generate;

import io.minnow.runtime.Interpreter;
import io.minnow.runtime.Tensor;
import java.util.Arrays;
import java.util.Map;

/**
 * The shape of a kv-cache model's cache: layers, attention heads per layer and the size of each head.
 *
 * @param layers how many {@code k_i}/{@code v_i} pairs the model outputs
 */
public record KvCacheGeometry(int layers, int heads, int headSize) {
    public KvCacheGeometry {
        if (layers < 1 || heads < 1 || headSize < 1) {
            throw new IllegalArgumentException("cache geometry needs layers, heads and head size >= 1, got "
                    + layers + ", " + heads + ", " + headSize);
        }
    }

    /**
     * Reads the geometry by running {@code prefill} on one token: the signature's outputs name the layers and
     * their shapes give heads and head size. Costs one token of model work.
     *
     * @throws IllegalStateException if the outputs do not follow the kv-cache convention
     */
    public static KvCacheGeometry probe(Interpreter interpreter) {
        Map<String, Tensor> outputs = interpreter.runSignature(KvCacheLm.PREFILL, Map.of(
                "tokens", Tensor.ofInts(new int[] {1, 1}, 0),
                "positions", Tensor.ofInts(new int[] {1, 1}, 0),
                "mask", Tensor.ofFloats(new int[] {1, 1, 1, 1}, 0f)));
        int layers = 0;
        while (outputs.containsKey("k_" + layers) && outputs.containsKey("v_" + layers)) {
            layers++;
        }
        if (layers == 0) {
            throw new IllegalStateException("prefill has no k_0/v_0 outputs; outputs are " + outputs.keySet());
        }
        int[] shape = outputs.get("k_0").shape();
        if (shape.length != 4 || shape[0] != 1 || shape[2] != 1) {
            throw new IllegalStateException("k_0 after one token has shape " + Arrays.toString(shape)
                    + ", expected [1, heads, 1, head_size]");
        }
        return new KvCacheGeometry(layers, shape[1], shape[3]);
    }
}
