package io.minnow.runtime.lm;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random weights for tests and benchmarks, reproducible from a seed. Matrices are Gaussian with standard
 * deviation 1/sqrt(fan-in) so activations stay near unit scale through the layers (and logits differ visibly
 * between tokens); embeddings have standard deviation 0.5; LayerNorm scales are near 1. Thread-safe.
 */
public final class RandomTransformer {
    private RandomTransformer() {}

    public static TransformerWeights weights(TransformerConfig c, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = c.dModel();
        int f = c.dFf();
        List<LayerWeights> layers = new ArrayList<>();
        for (int l = 0; l < c.layers(); l++) {
            layers.add(new LayerWeights(
                    around(rnd, d, 1f, 0.1f), around(rnd, d, 0f, 0.1f),
                    gaussian(rnd, d * d, d), around(rnd, d, 0f, 0.05f),
                    gaussian(rnd, d * d, d), around(rnd, d, 0f, 0.05f),
                    gaussian(rnd, d * d, d), around(rnd, d, 0f, 0.05f),
                    gaussian(rnd, d * d, d), around(rnd, d, 0f, 0.05f),
                    around(rnd, d, 1f, 0.1f), around(rnd, d, 0f, 0.1f),
                    gaussian(rnd, f * d, d), around(rnd, f, 0f, 0.05f),
                    gaussian(rnd, d * f, f), around(rnd, d, 0f, 0.05f)));
        }
        return new TransformerWeights(c,
                around(rnd, c.vocabSize() * d, 0f, 0.5f),
                around(rnd, c.contextLength() * d, 0f, 0.5f),
                layers,
                around(rnd, d, 1f, 0.1f), around(rnd, d, 0f, 0.1f),
                gaussian(rnd, c.vocabSize() * d, d));
    }

    private static float[] gaussian(SplittableRandom rnd, int n, int fanIn) {
        return around(rnd, n, 0f, (float) (1 / Math.sqrt(fanIn)));
    }

    private static float[] around(SplittableRandom rnd, int n, float mean, float std) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = mean + std * (float) gaussian(rnd);
        }
        return v;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
