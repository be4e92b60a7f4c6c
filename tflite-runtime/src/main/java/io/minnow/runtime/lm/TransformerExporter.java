package io.minnow.runtime.lm;

import io.minnow.runtime.builder.GraphBuilder;
import io.minnow.runtime.builder.ModelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link TransformerWeights} model as a TensorFlow Lite file in either convention of {@code
 * docs/model-conventions.md}. Fully connected weights become int8 with per-output-channel scales (int8
 * tensor with a per-tensor scale of 1.0, then MUL by the channel scales, then ADD the bias — the form
 * TensorFlow Lite 2.6.2 runs correctly); embedding tables become int8 with per-row scales (GATHER of the rows
 * and of their scales, DEQUANTIZE, MUL); LayerNorm and the tanh GELU are built from primitive operators.
 *
 * <p>Tensor names (the contract): window — input {@code tokens} [1, C] int32, output {@code logits} [1, C, V].
 * kv-cache — subgraph 0 / signature {@code prefill}: inputs {@code tokens}, {@code positions} [1, T] int32,
 * {@code mask} [1, 1, T, T]; outputs {@code logits} [1, T, V], {@code k_i}, {@code v_i} [1, H, T, D].
 * Subgraph 1 / signature {@code decode}: adds inputs {@code past_k_i}, {@code past_v_i} [1, H, P, D], with
 * {@code mask} [1, 1, T, P+T]. Both subgraphs share one copy of the weights.
 *
 * <p>Thread-safe (stateless); building holds about twice the int8 weights in heap.
 */
public final class TransformerExporter {
    /** Signature (and subgraph) names of the kv-cache convention. */
    public static final String PREFILL = "prefill";
    public static final String DECODE = "decode";

    private TransformerExporter() {}

    /** The model in a builder, for callers that add to it or stream it themselves. */
    public static ModelBuilder build(TransformerWeights weights, ModelConvention convention) {
        TransformerConfig c = weights.config();
        ModelBuilder mb = new ModelBuilder("Minnow causal LM (" + convention.jsonName() + "): vocab "
                + c.vocabSize() + ", context " + c.contextLength() + ", d " + c.dModel() + ", heads " + c.heads()
                + ", layers " + c.layers() + ", d_ff " + c.dFf());
        WeightBuffers buffers = WeightBuffers.write(mb, weights);
        if (convention == ModelConvention.WINDOW) {
            TransformerGraph.window(mb.addSubgraph("window"), buffers);
            return mb;
        }
        GraphBuilder prefill = mb.addSubgraph(PREFILL);
        TransformerGraph.Signature p = TransformerGraph.kvCache(prefill, buffers, false);
        GraphBuilder decode = mb.addSubgraph(DECODE);
        TransformerGraph.Signature d = TransformerGraph.kvCache(decode, buffers, true);
        mb.addSignature(PREFILL, prefill, inputs(p, false), outputs(p));
        mb.addSignature(DECODE, decode, inputs(d, true), outputs(d));
        return mb;
    }

    /** The model file's bytes. */
    public static byte[] export(TransformerWeights weights, ModelConvention convention) {
        return build(weights, convention).toBytes();
    }

    /** Writes the model file, replacing {@code file}. */
    public static void export(TransformerWeights weights, ModelConvention convention, Path file) throws IOException {
        build(weights, convention).writeTo(file);
    }

    private static Map<String, Integer> inputs(TransformerGraph.Signature s, boolean decode) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("tokens", s.tokens);
        m.put("positions", s.positions);
        m.put("mask", s.mask);
        if (decode) {
            for (int l = 0; l < s.pastK.length; l++) {
                m.put("past_k_" + l, s.pastK[l]);
                m.put("past_v_" + l, s.pastV[l]);
            }
        }
        return m;
    }

    private static Map<String, Integer> outputs(TransformerGraph.Signature s) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("logits", s.logits);
        for (int l = 0; l < s.k.length; l++) {
            m.put("k_" + l, s.k[l]);
            m.put("v_" + l, s.v[l]);
        }
        return m;
    }
}
