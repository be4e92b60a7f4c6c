package io.minnow.runtime.lm;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.builder.GraphBuilder;
import io.minnow.runtime.builder.OpOptions;
import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * Writes the operators of one transformer subgraph (prefill, decode or window) into a {@link GraphBuilder},
 * over weight buffers the subgraphs share. {@code T} (new tokens) and {@code S} (past + new) are dynamic
 * dimensions (-1) except in the window convention, where they equal the context length.
 */
final class TransformerGraph {
    private static final float LAYER_NORM_EPSILON = 1e-5f;
    private static final float GELU_CUBIC = 0.044715f;
    private static final float SQRT_2_OVER_PI = 0.7978845608028654f;

    private final GraphBuilder g;
    private final TransformerConfig c;
    private final WeightBuffers w;
    private final int t;
    private final int s;

    private TransformerGraph(GraphBuilder g, WeightBuffers w, int t, int s) {
        this.g = g;
        this.c = w.config();
        this.w = w;
        this.t = t;
        this.s = s;
    }

    /** The window convention: tokens [1, C] in, logits [1, C, V] out; positions and causal mask are constants. */
    static void window(GraphBuilder g, WeightBuffers w) {
        int ctx = w.config().contextLength();
        TransformerGraph tg = new TransformerGraph(g, w, ctx, ctx);
        int tokens = g.input("tokens", DataType.INT32, 1, ctx);
        int[] pos = new int[ctx];
        float[] mask = new float[ctx * ctx];
        for (int i = 0; i < ctx; i++) {
            pos[i] = i;
            for (int j = 0; j < ctx; j++) {
                mask[i * ctx + j] = j <= i ? 0f : -1e9f;
            }
        }
        int positions = g.constantInts("positions", pos, 1, ctx);
        int maskTensor = g.constant("mask", mask, 1, 1, ctx, ctx);
        int[] logitsAndCaches = tg.body(tokens, positions, maskTensor, null, null);
        g.output(logitsAndCaches[0]);
    }

    /** The kv-cache convention's prefill ({@code decode == false}) or decode subgraph; returns tensor indices. */
    static Signature kvCache(GraphBuilder g, WeightBuffers w, boolean decode) {
        TransformerGraph tg = new TransformerGraph(g, w, -1, -1);
        TransformerConfig c = w.config();
        Signature sig = new Signature(c.layers());
        sig.tokens = g.input("tokens", DataType.INT32, 1, -1);
        sig.positions = g.input("positions", DataType.INT32, 1, -1);
        sig.mask = g.input("mask", DataType.FLOAT32, 1, 1, -1, -1);
        if (decode) {
            for (int l = 0; l < c.layers(); l++) {
                sig.pastK[l] = g.input("past_k_" + l, DataType.FLOAT32, 1, c.heads(), -1, c.headDim());
                sig.pastV[l] = g.input("past_v_" + l, DataType.FLOAT32, 1, c.heads(), -1, c.headDim());
            }
        }
        int[] out = tg.body(sig.tokens, sig.positions, sig.mask, decode ? sig.pastK : null, decode ? sig.pastV : null);
        sig.logits = out[0];
        g.output(sig.logits);
        for (int l = 0; l < c.layers(); l++) {
            sig.k[l] = out[1 + 2 * l];
            sig.v[l] = out[2 + 2 * l];
            g.output(sig.k[l]);
            g.output(sig.v[l]);
        }
        return sig;
    }

    /** Tensor indices of one kv-cache subgraph's signature tensors. */
    static final class Signature {
        int tokens;
        int positions;
        int mask;
        final int[] pastK;
        final int[] pastV;
        int logits;
        final int[] k;
        final int[] v;

        Signature(int layers) {
            pastK = new int[layers];
            pastV = new int[layers];
            k = new int[layers];
            v = new int[layers];
        }
    }

    /** Returns {logits, k_0, v_0, k_1, v_1, ...}. */
    private int[] body(int tokens, int positions, int mask, int[] pastK, int[] pastV) {
        int d = c.dModel();
        int x = g.op(BuiltinOperator.ADD, OpOptions.add(), "embed/sum", DataType.FLOAT32, new int[] {1, t, d},
                embed("embed/token", w.tokenEmbedding(), c.vocabSize(), tokens),
                embed("embed/position", w.positionEmbedding(), c.contextLength(), positions));
        int[] result = new int[1 + 2 * c.layers()];
        for (int l = 0; l < c.layers(); l++) {
            WeightBuffers.Layer lw = w.layer(l);
            String p = "layer" + l + "/";
            int h = layerNorm(p + "ln1", x, lw.ln1Gamma(), lw.ln1Beta());
            int q = heads(p + "q", linear(p + "q", h, lw.q(), d, p + "q/out"), p + "q/heads");
            int k = heads(p + "k", linear(p + "k", h, lw.k(), d, p + "k/out"), "k_" + l);
            int v = heads(p + "v", linear(p + "v", h, lw.v(), d, p + "v/out"), "v_" + l);
            result[1 + 2 * l] = k;
            result[2 + 2 * l] = v;
            int keys = k;
            int values = v;
            if (pastK != null) {
                int[] cacheShape = {1, c.heads(), s, c.headDim()};
                keys = g.op(BuiltinOperator.CONCATENATION, OpOptions.concatenation(2), p + "attn/keys",
                        DataType.FLOAT32, cacheShape, pastK[l], k);
                values = g.op(BuiltinOperator.CONCATENATION, OpOptions.concatenation(2), p + "attn/values",
                        DataType.FLOAT32, cacheShape, pastV[l], v);
            }
            int[] scoreShape = {1, c.heads(), t, s};
            int scores = g.op(BuiltinOperator.BATCH_MATMUL, OpOptions.batchMatMul(false, true), p + "attn/scores",
                    DataType.FLOAT32, scoreShape, q, keys);
            int scaled = mul(p + "attn/scaled", scores, scalar(p + "attn/scale", (float) (1 / Math.sqrt(c.headDim()))),
                    scoreShape);
            int masked = g.op(BuiltinOperator.ADD, OpOptions.add(), p + "attn/masked", DataType.FLOAT32, scoreShape,
                    scaled, mask);
            int probs = g.op(BuiltinOperator.SOFTMAX, OpOptions.softmax(1f), p + "attn/probs", DataType.FLOAT32,
                    scoreShape, masked);
            int context = g.op(BuiltinOperator.BATCH_MATMUL, OpOptions.batchMatMul(false, false), p + "attn/context",
                    DataType.FLOAT32, new int[] {1, c.heads(), t, c.headDim()}, probs, values);
            int merged = merge(p + "attn/merged", context);
            int attn = linear(p + "o", merged, lw.o(), d, p + "o/out");
            x = g.op(BuiltinOperator.ADD, OpOptions.add(), p + "attn/residual", DataType.FLOAT32,
                    new int[] {1, t, d}, x, attn);
            int h2 = layerNorm(p + "ln2", x, lw.ln2Gamma(), lw.ln2Beta());
            int up = linear(p + "mlp/up", h2, lw.up(), c.dFf(), p + "mlp/up/out");
            int act = gelu(p + "mlp/gelu", up, new int[] {1, t, c.dFf()});
            int down = linear(p + "mlp/down", act, lw.down(), d, p + "mlp/down/out");
            x = g.op(BuiltinOperator.ADD, OpOptions.add(), p + "mlp/residual", DataType.FLOAT32,
                    new int[] {1, t, d}, x, down);
        }
        int hf = layerNorm("final/ln", x, w.lnFGamma(), w.lnFBeta());
        result[0] = linear("head", hf, w.lmHead(), c.vocabSize(), "logits");
        return result;
    }

    /**
     * GATHER of int8 rows, DEQUANTIZE with scale 1.0 to float32 [1, T, d], times each row's own scale (a
     * GATHER from the float [rows, 1] scale table, broadcast by MUL). Per-row scales are not expressible as
     * the table's quantization: after the GATHER, rows no longer line up with a quantized dimension.
     */
    private int embed(String name, WeightBuffers.Embedding e, int rows, int ids) {
        Quantization unit = Quantization.perTensor(1f, 0);
        int table = g.constant(name + "/table", DataType.INT8, new int[] {rows, c.dModel()}, e.table(), unit);
        int gathered = g.tensor(name + "/int8", DataType.INT8, unit, 1, t, c.dModel());
        g.op(BuiltinOperator.GATHER, 1, OpOptions.gather(0, 0), new int[] {table, ids}, gathered);
        int values = g.op(BuiltinOperator.DEQUANTIZE, OpOptions.NONE, name + "/values", DataType.FLOAT32,
                new int[] {1, t, c.dModel()}, gathered);
        int scaleTable = g.constant(name + "/scales", DataType.FLOAT32, new int[] {rows, 1}, e.scales(), Quantization.NONE);
        int scales = g.tensor(name + "/row_scales", DataType.FLOAT32, 1, t, 1);
        g.op(BuiltinOperator.GATHER, 1, OpOptions.gather(0, 0), new int[] {scaleTable, ids}, scales);
        return g.op(BuiltinOperator.MUL, OpOptions.mul(), name, DataType.FLOAT32, new int[] {1, t, c.dModel()},
                values, scales);
    }

    /**
     * y = (W_q · x) · scale + b: the int8 weights carry a per-tensor scale of 1.0 (so TensorFlow Lite 2.6.2 runs
     * its correct per-tensor hybrid kernel), then a MUL applies the per-channel scales and an ADD the bias.
     */
    private int linear(String name, int x, WeightBuffers.Linear lin, int units, String outName) {
        int in = lin.in();
        int weights = g.constant(name + "/weight", DataType.INT8, new int[] {units, in}, lin.weights(),
                Quantization.perTensor(1f, 0));
        int[] shape = {1, t, units};
        int raw = g.tensor(name + "/raw", DataType.FLOAT32, shape);
        g.op(BuiltinOperator.FULLY_CONNECTED, 1, OpOptions.fullyConnected(true), new int[] {x, weights, -1}, raw);
        int scales = g.constant(name + "/scales", DataType.FLOAT32, new int[] {units}, lin.scales(),
                Quantization.NONE);
        if (lin.bias() == 0) {
            return g.op(BuiltinOperator.MUL, OpOptions.mul(), outName, DataType.FLOAT32, shape, raw, scales);
        }
        int scaled = g.op(BuiltinOperator.MUL, OpOptions.mul(), name + "/scaled", DataType.FLOAT32, shape, raw, scales);
        int bias = g.constant(name + "/bias", DataType.FLOAT32, new int[] {units}, lin.bias(), Quantization.NONE);
        return g.op(BuiltinOperator.ADD, OpOptions.add(), outName, DataType.FLOAT32, shape, scaled, bias);
    }

    /** [1, T, d] to [1, H, T, D], named {@code outName}. */
    private int heads(String name, int x, String outName) {
        int split = g.op(BuiltinOperator.RESHAPE, OpOptions.reshape(1, -1, c.heads(), c.headDim()), name + "/split",
                DataType.FLOAT32, new int[] {1, t, c.heads(), c.headDim()}, x,
                g.constantInts(name + "/split_shape", new int[] {1, -1, c.heads(), c.headDim()}, 4));
        return g.op(BuiltinOperator.TRANSPOSE, OpOptions.transpose(), outName, DataType.FLOAT32,
                new int[] {1, c.heads(), t, c.headDim()}, split,
                g.constantInts(name + "/perm", new int[] {0, 2, 1, 3}, 4));
    }

    /** [1, H, T, D] back to [1, T, d]. */
    private int merge(String name, int x) {
        int swapped = g.op(BuiltinOperator.TRANSPOSE, OpOptions.transpose(), name + "/swapped", DataType.FLOAT32,
                new int[] {1, t, c.heads(), c.headDim()}, x, g.constantInts(name + "/perm", new int[] {0, 2, 1, 3}, 4));
        return g.op(BuiltinOperator.RESHAPE, OpOptions.reshape(1, -1, c.dModel()), name, DataType.FLOAT32,
                new int[] {1, t, c.dModel()}, swapped,
                g.constantInts(name + "/shape", new int[] {1, -1, c.dModel()}, 3));
    }

    /** LayerNorm over the last axis from MEAN, SUB, MUL, ADD and RSQRT. */
    private int layerNorm(String name, int x, int gammaBuffer, int betaBuffer) {
        int d = c.dModel();
        int[] shape = {1, t, d};
        int[] stat = {1, t, 1};
        int axis = g.constantInts(name + "/axis", new int[] {-1}, 1);
        int mean = g.op(BuiltinOperator.MEAN, OpOptions.reducer(true), name + "/mean", DataType.FLOAT32, stat, x, axis);
        int centered = g.op(BuiltinOperator.SUB, OpOptions.sub(), name + "/centered", DataType.FLOAT32, shape, x, mean);
        int squared = mul(name + "/squared", centered, centered, shape);
        int variance = g.op(BuiltinOperator.MEAN, OpOptions.reducer(true), name + "/variance", DataType.FLOAT32, stat,
                squared, axis);
        int padded = g.op(BuiltinOperator.ADD, OpOptions.add(), name + "/padded", DataType.FLOAT32, stat, variance,
                scalar(name + "/epsilon", LAYER_NORM_EPSILON));
        int inv = g.op(BuiltinOperator.RSQRT, OpOptions.NONE, name + "/inv_std", DataType.FLOAT32, stat, padded);
        int normed = mul(name + "/normalized", centered, inv, shape);
        int gamma = g.constant(name + "/gamma", DataType.FLOAT32, new int[] {d}, gammaBuffer, Quantization.NONE);
        int beta = g.constant(name + "/beta", DataType.FLOAT32, new int[] {d}, betaBuffer, Quantization.NONE);
        int scaled = mul(name + "/scaled", normed, gamma, shape);
        return g.op(BuiltinOperator.ADD, OpOptions.add(), name, DataType.FLOAT32, shape, scaled, beta);
    }

    /** The tanh approximation 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))) from MUL, ADD and TANH. */
    private int gelu(String name, int x, int[] shape) {
        int x2 = mul(name + "/x2", x, x, shape);
        int x3 = mul(name + "/x3", x2, x, shape);
        int cubic = mul(name + "/cubic", x3, scalar(name + "/cubic_coefficient", GELU_CUBIC), shape);
        int inner = g.op(BuiltinOperator.ADD, OpOptions.add(), name + "/inner", DataType.FLOAT32, shape, x, cubic);
        int arg = mul(name + "/arg", inner, scalar(name + "/sqrt_2_over_pi", SQRT_2_OVER_PI), shape);
        int th = g.op(BuiltinOperator.TANH, OpOptions.NONE, name + "/tanh", DataType.FLOAT32, shape, arg);
        int onePlus = g.op(BuiltinOperator.ADD, OpOptions.add(), name + "/one_plus", DataType.FLOAT32, shape, th,
                scalar(name + "/one", 1f));
        int half = mul(name + "/half_x", x, scalar(name + "/half", 0.5f), shape);
        return mul(name, half, onePlus, shape);
    }

    private int mul(String name, int a, int b, int[] shape) {
        return g.op(BuiltinOperator.MUL, OpOptions.mul(), name, DataType.FLOAT32, shape, a, b);
    }

    private int scalar(String name, float value) {
        return g.scalar(name, value);
    }
}
