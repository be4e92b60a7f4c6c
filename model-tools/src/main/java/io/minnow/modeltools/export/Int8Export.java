package io.minnow.modeltools.export;

import io.minnow.modeltools.train.GptConfig;
import io.minnow.modeltools.train.GptWeights;
import io.minnow.runtime.lm.LayerWeights;
import io.minnow.runtime.lm.ModelConvention;
import io.minnow.runtime.lm.TransformerConfig;
import io.minnow.runtime.lm.TransformerExporter;
import io.minnow.runtime.lm.TransformerWeights;
import java.util.ArrayList;
import java.util.List;

/**
 * Exports trained weights to an int8 kv-cache {@code .tflite} through the runtime's
 * {@link TransformerExporter}; this class only maps names, since both sides use the {@code [out, in]}
 * layout. Stateless and thread-safe.
 */
public final class Int8Export {

    private Int8Export() {}

    /** The runtime's view of the same weights (arrays shared, not copied). */
    public static TransformerWeights toRuntime(GptWeights w) {
        GptConfig c = w.config();
        TransformerConfig rc = new TransformerConfig(c.vocabSize(), c.contextLength(), c.dModel(), c.heads(), c.layers(),
                c.dFeedForward());
        List<LayerWeights> layers = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            String p = "layers." + i + ".";
            layers.add(new LayerWeights(
                    v(w, p + "ln1.weight"), v(w, p + "ln1.bias"),
                    v(w, p + "attn.q.weight"), v(w, p + "attn.q.bias"),
                    v(w, p + "attn.k.weight"), v(w, p + "attn.k.bias"),
                    v(w, p + "attn.v.weight"), v(w, p + "attn.v.bias"),
                    v(w, p + "attn.o.weight"), v(w, p + "attn.o.bias"),
                    v(w, p + "ln2.weight"), v(w, p + "ln2.bias"),
                    v(w, p + "mlp.fc1.weight"), v(w, p + "mlp.fc1.bias"),
                    v(w, p + "mlp.fc2.weight"), v(w, p + "mlp.fc2.bias")));
        }
        return new TransformerWeights(rc, v(w, "tok_emb"), v(w, "pos_emb"), layers, v(w, "ln_f.weight"),
                v(w, "ln_f.bias"), v(w, "lm_head.weight"));
    }

    /** The kv-cache model file's bytes. */
    public static byte[] export(GptWeights w) {
        return TransformerExporter.export(toRuntime(w), ModelConvention.KV_CACHE);
    }

    private static float[] v(GptWeights w, String name) {
        return w.get(name).values();
    }
}
