package io.minnow.runtime.bench;

import io.minnow.runtime.Tensor;
import io.minnow.runtime.lm.ModelConvention;
import io.minnow.runtime.lm.RandomTransformer;
import io.minnow.runtime.lm.TransformerConfig;
import io.minnow.runtime.lm.TransformerExporter;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.testing.KvCacheDriver;
import java.util.HashMap;
import java.util.Map;

/** The models and inputs the benchmarks run. */
final class BenchmarkModels {
    /** About 2.2M parameters: the size of Minnow's default model. */
    static final TransformerConfig LM_2M = new TransformerConfig(1024, 128, 192, 4, 4, 768);
    /** About 10M parameters, a 10 MB int8 file. */
    static final TransformerConfig LM_10M = new TransformerConfig(4096, 128, 384, 6, 4, 1536);

    private BenchmarkModels() {}

    static TfliteModel kvCache(TransformerConfig c) {
        return TfliteModel.fromBytes(TransformerExporter.export(RandomTransformer.weights(c, 1), ModelConvention.KV_CACHE));
    }

    /** Prefill inputs for {@code t} tokens. */
    static Map<String, Tensor> prefill(TransformerConfig c, int t) {
        Map<String, Tensor> in = new HashMap<>();
        in.put("tokens", Tensor.ofInts(new int[] {1, t}, tokens(c, 0, t)));
        in.put("positions", Tensor.ofInts(new int[] {1, t}, range(0, t)));
        in.put("mask", Tensor.ofFloats(new int[] {1, 1, t, t}, KvCacheDriver.causalMask(t, 0)));
        return in;
    }

    /** Decode inputs for one token after a cache of {@code past} tokens (cache values are arbitrary). */
    static Map<String, Tensor> decode(TransformerConfig c, int past) {
        Map<String, Tensor> in = new HashMap<>();
        in.put("tokens", Tensor.ofInts(new int[] {1, 1}, tokens(c, past, 1)));
        in.put("positions", Tensor.ofInts(new int[] {1, 1}, past));
        in.put("mask", Tensor.ofFloats(new int[] {1, 1, 1, past + 1}, KvCacheDriver.causalMask(1, past)));
        float[] cache = new float[c.heads() * past * c.headDim()];
        for (int k = 0; k < cache.length; k++) {
            cache[k] = (float) Math.sin(k * 0.37);
        }
        for (int l = 0; l < c.layers(); l++) {
            in.put("past_k_" + l, Tensor.ofFloats(new int[] {1, c.heads(), past, c.headDim()}, cache));
            in.put("past_v_" + l, Tensor.ofFloats(new int[] {1, c.heads(), past, c.headDim()}, cache));
        }
        return in;
    }

    private static int[] tokens(TransformerConfig c, int from, int t) {
        int[] ids = new int[t];
        for (int i = 0; i < t; i++) {
            ids[i] = ((from + i) * 131 + 7) % c.vocabSize();
        }
        return ids;
    }

    private static int[] range(int from, int t) {
        int[] r = new int[t];
        for (int i = 0; i < t; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
