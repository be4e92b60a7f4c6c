package io.minnow.runtime.generate;

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
}
