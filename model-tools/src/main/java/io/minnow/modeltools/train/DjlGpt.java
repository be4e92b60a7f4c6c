package io.minnow.modeltools.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.internal.NDArrayEx;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model of {@link GptConfig} as DJL NDArrays on PyTorch: the forward pass that training differentiates
 * and float evaluation runs. It computes exactly the math of docs/model-conventions.md (pre-LN blocks,
 * 1/sqrt(D) scaling before an additive causal mask of -1e9, tanh GELU, LayerNorm eps 1e-5).
 *
 * <p>Every scalar in the graph is a long-lived NDArray created here, never a {@code Number} overload: DJL's
 * PyTorch engine frees a wrapped Number at once while autograd still reads it (PLATFORM-NOTES). Not
 * thread-safe; it owns its NDManager and must be closed.
 */
public final class DjlGpt implements AutoCloseable {

    private static final float MASKED = -1e9f;

    private final GptConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final NDArray half;
    private final NDArray one;
    private final NDArray geluCubic;
    private final NDArray geluScale;
    private final NDArray attnScale;
    private final NDArray lmHeadBias;

    /** Copies {@code weights} into a new NDManager; with {@code trainable}, the arrays collect gradients. */
    public DjlGpt(GptWeights weights, NDManager parent, boolean trainable) {
        this.config = weights.config();
        this.manager = parent.newSubManager();
        for (GptWeights.Tensor t : weights.all()) {
            NDArray a = manager.create(t.values().clone(), new Shape(toLongs(t.shape())));
            a.setName(t.name());
            if (trainable) {
                a.setRequiresGradient(true);
            }
            params.put(t.name(), a);
        }
        half = manager.create(0.5f);
        one = manager.create(1f);
        geluCubic = manager.create(0.044715f);
        geluScale = manager.create((float) Math.sqrt(2 / Math.PI));
        attnScale = manager.create((float) (1 / Math.sqrt(config.headDim())));
        // The output projection has no bias; a constant zero one lets it use the same linear kernel.
        lmHeadBias = manager.zeros(new Shape(config.vocabSize()));
    }

    public GptConfig config() {
        return config;
    }

    /** The parameters by name, in canonical order. */
    public Map<String, NDArray> parameters() {
        return params;
    }

    /**
     * Next-token logits {@code [B, T, V]} for token ids {@code [B, T]} (int64) at positions {@code 0..T-1}.
     * Every row attends causally, so right padding never changes earlier positions.
     */
    public NDArray forward(NDArray tokens) {
        long batch = tokens.getShape().get(0);
        int t = (int) tokens.getShape().get(1);
        if (t > config.contextLength()) {
            throw new IllegalArgumentException("sequence of " + t + " tokens is longer than the context " + config.contextLength());
        }
        // Every intermediate must belong to the caller's manager (the first operand's), never to the model's,
        // or each forward pass would leave arrays behind in the long-lived model manager.
        NDArrayEx ex = tokens.getNDArrayInternal();
        NDArray positions = tokens.getManager().arange(0, t, 1, DataType.INT64);
        NDArray x = ex.embedding(tokens, p("tok_emb"), SparseFormat.DENSE).singletonOrThrow()
                .add(ex.embedding(positions, p("pos_emb"), SparseFormat.DENSE).singletonOrThrow());
        NDArray mask = causalMask(tokens.getManager(), t);
        for (int i = 0; i < config.layers(); i++) {
            String l = "layers." + i + ".";
            x = x.add(attention(layerNorm(x, l + "ln1"), l, mask, batch, t));
            NDArray h = linear(layerNorm(x, l + "ln2"), l + "mlp.fc1");
            x = x.add(linear(gelu(h), l + "mlp.fc2"));
        }
        x = layerNorm(x, "ln_f");
        return ex.linear(x, p("lm_head.weight"), lmHeadBias).singletonOrThrow();
    }

    private NDArray attention(NDArray x, String l, NDArray mask, long batch, int t) {
        int heads = config.heads();
        int d = config.headDim();
        NDArray q = split(linear(x, l + "attn.q"), batch, t, heads, d);
        NDArray k = split(linear(x, l + "attn.k"), batch, t, heads, d);
        NDArray v = split(linear(x, l + "attn.v"), batch, t, heads, d);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).mul(attnScale).add(mask);
        NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, t, (long) heads * d);
        return linear(context, l + "attn.o");
    }

    private static NDArray split(NDArray x, long batch, int t, int heads, int d) {
        return x.reshape(batch, t, heads, d).transpose(0, 2, 1, 3);
    }

    private NDArray linear(NDArray x, String name) {
        return x.getNDArrayInternal().linear(x, p(name + ".weight"), p(name + ".bias")).singletonOrThrow();
    }

    private NDArray layerNorm(NDArray x, String name) {
        NDList out = x.getNDArrayInternal().layerNorm(x, new Shape(config.dModel()), p(name + ".weight"),
                p(name + ".bias"), GptConfig.LAYER_NORM_EPS);
        return out.get(0);
    }

    /** 0.5·x·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³))), the form the exporter writes with MUL, ADD and TANH. */
    private NDArray gelu(NDArray x) {
        NDArray inner = x.add(x.mul(x).mul(x).mul(geluCubic)).mul(geluScale);
        return x.mul(half).mul(inner.tanh().add(one));
    }

    /**
     * The additive mask {@code [t, t]}, made in the caller's manager for each pass: evaluation runs a pass at
     * every length up to the context, and masks kept per length would add up to context³/3 floats.
     */
    private static NDArray causalMask(NDManager m, int t) {
        float[] mask = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                mask[i * t + j] = MASKED;
            }
        }
        return m.create(mask, new Shape(t, t));
    }

    private NDArray p(String name) {
        NDArray a = params.get(name);
        if (a == null) {
            throw new IllegalStateException("model has no parameter " + name);
        }
        return a;
    }

    /** The current weights as plain arrays (a copy). */
    public GptWeights snapshot() {
        List<GptWeights.Tensor> out = new ArrayList<>();
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            long[] shape = e.getValue().getShape().getShape();
            int[] s = new int[shape.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = (int) shape[i];
            }
            out.add(new GptWeights.Tensor(e.getKey(), s, e.getValue().toType(DataType.FLOAT32, false).toFloatArray()));
        }
        return new GptWeights(config, out);
    }

    private static long[] toLongs(int[] shape) {
        long[] s = new long[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape[i];
        }
        return s;
    }

    @Override
    public void close() {
        manager.close();
    }
}
