package io.minnow.runtime.lm;

import java.util.List;
import java.util.Objects;

/**
 * All weights of a {@link TransformerConfig} model, float32, row-major; validated against the config on
 * construction. Arrays are held by reference (not copied): do not change them while exporting.
 *
 * @param tokenEmbedding [V, d]: row t is token t's embedding
 * @param positionEmbedding [C, d]: row p is position p's embedding
 * @param layers L blocks, see {@link LayerWeights} for their layout
 * @param lnFGamma [d] final LayerNorm scale
 * @param lnFBeta [d] final LayerNorm shift
 * @param lmHead [V, d] output projection ({@code [out, in]}); no bias. May be the same array as {@code
 *     tokenEmbedding} (tied weights); it is still stored twice in the file, once per role
 */
public record TransformerWeights(
        TransformerConfig config,
        float[] tokenEmbedding,
        float[] positionEmbedding,
        List<LayerWeights> layers,
        float[] lnFGamma,
        float[] lnFBeta,
        float[] lmHead) {

    public TransformerWeights {
        Objects.requireNonNull(config, "config");
        layers = List.copyOf(layers);
        int d = config.dModel();
        check("tokenEmbedding", tokenEmbedding, config.vocabSize() * d);
        check("positionEmbedding", positionEmbedding, config.contextLength() * d);
        if (layers.size() != config.layers()) {
            throw new IllegalArgumentException("config has " + config.layers() + " layers, weights have "
                    + layers.size());
        }
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).validate(config, l);
        }
        check("lnFGamma", lnFGamma, d);
        check("lnFBeta", lnFBeta, d);
        check("lmHead", lmHead, config.vocabSize() * d);
    }

    static void check(String name, float[] values, long expected) {
        Objects.requireNonNull(values, name);
        if (values.length != expected) {
            throw new IllegalArgumentException(name + " has " + values.length + " values, expected " + expected);
        }
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(name + " holds a non-finite value " + v);
            }
        }
    }
}
