package io.minnow.modeltools.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * All weights of a {@link GptConfig} model as plain float arrays, row-major, named and laid out the way the
 * runtime's exporter reads them. Matrices are {@code [out, in]} (a fully connected layer computes
 * {@code y = x · Wᵀ + b}, as TFLite FULLY_CONNECTED and torch.nn.functional.linear do):
 *
 * <pre>
 * tok_emb                [V, d]      token embedding
 * pos_emb                [C, d]      learned position embedding
 * layers.i.ln1.weight    [d]         LayerNorm before attention (gamma), .bias (beta)
 * layers.i.attn.q.weight [d, d]      query projection, .bias [d]; likewise attn.k, attn.v
 * layers.i.attn.o.weight [d, d]      attention output projection, .bias [d]
 * layers.i.ln2.weight    [d]         LayerNorm before the MLP, .bias
 * layers.i.mlp.fc1.weight [f, d]     MLP in, .bias [f]
 * layers.i.mlp.fc2.weight [d, f]     MLP out, .bias [d]
 * ln_f.weight            [d]         final LayerNorm, .bias
 * lm_head.weight         [V, d]      output projection (no bias)
 * </pre>
 *
 * Heads are contiguous slices of the projection outputs: head h uses rows {@code h*D .. h*D+D-1}. The arrays
 * are owned by this object and must not be changed after construction; the class is then thread-safe.
 */
public final class GptWeights {

    /** One named tensor: its shape and row-major values. */
    public record Tensor(String name, int[] shape, float[] values) {
        public Tensor {
            int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
            if (n != values.length) {
                throw new IllegalArgumentException("tensor " + name + " has shape " + Arrays.toString(shape)
                        + " (" + n + " values) but " + values.length + " values");
            }
        }
    }

    private final GptConfig config;
    private final Map<String, Tensor> tensors;

    public GptWeights(GptConfig config, List<Tensor> tensors) {
        this.config = config;
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            if (byName.put(t.name(), t) != null) {
                throw new IllegalArgumentException("weights have two tensors named '" + t.name() + "'");
            }
        }
        for (Map.Entry<String, int[]> e : shapes(config).entrySet()) {
            Tensor t = byName.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException("weights have no tensor '" + e.getKey() + "'");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new IllegalArgumentException("tensor " + e.getKey() + " has shape " + Arrays.toString(t.shape())
                        + ", the config needs " + Arrays.toString(e.getValue()));
            }
        }
        if (byName.size() != shapes(config).size()) {
            List<String> extra = new ArrayList<>(byName.keySet());
            extra.removeAll(shapes(config).keySet());
            throw new IllegalArgumentException("weights have tensors the config does not use: " + extra);
        }
        this.tensors = Collections.unmodifiableMap(byName);
    }

    public GptConfig config() {
        return config;
    }

    /** The tensor of that name; throws if there is none. */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no weight tensor '" + name + "'");
        }
        return t;
    }

    /** Every tensor in canonical order. */
    public List<Tensor> all() {
        return List.copyOf(tensors.values());
    }

    /** Every tensor name and shape a config needs, in canonical order. */
    public static Map<String, int[]> shapes(GptConfig c) {
        Map<String, int[]> s = new LinkedHashMap<>();
        int d = c.dModel();
        int f = c.dFeedForward();
        s.put("tok_emb", new int[] {c.vocabSize(), d});
        s.put("pos_emb", new int[] {c.contextLength(), d});
        for (int i = 0; i < c.layers(); i++) {
            String p = "layers." + i + ".";
            s.put(p + "ln1.weight", new int[] {d});
            s.put(p + "ln1.bias", new int[] {d});
            for (String proj : List.of("q", "k", "v", "o")) {
                s.put(p + "attn." + proj + ".weight", new int[] {d, d});
                s.put(p + "attn." + proj + ".bias", new int[] {d});
            }
            s.put(p + "ln2.weight", new int[] {d});
            s.put(p + "ln2.bias", new int[] {d});
            s.put(p + "mlp.fc1.weight", new int[] {f, d});
            s.put(p + "mlp.fc1.bias", new int[] {f});
            s.put(p + "mlp.fc2.weight", new int[] {d, f});
            s.put(p + "mlp.fc2.bias", new int[] {d});
        }
        s.put("ln_f.weight", new int[] {d});
        s.put("ln_f.bias", new int[] {d});
        s.put("lm_head.weight", new int[] {c.vocabSize(), d});
        return s;
    }

    /**
     * GPT-2 style initial weights from {@code seed}: normal(0, 0.02) matrices and embeddings, residual output
     * projections scaled by {@code 1/sqrt(2·layers)}, zero biases, unit LayerNorm gains. Drawn in Java, so
     * the same seed gives the same weights on every machine.
     */
    public static GptWeights initial(GptConfig c, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Tensor> out = new ArrayList<>();
        double residualStd = 0.02 / Math.sqrt(2.0 * c.layers());
        for (Map.Entry<String, int[]> e : shapes(c).entrySet()) {
            String name = e.getKey();
            int n = Arrays.stream(e.getValue()).reduce(1, (a, b) -> a * b);
            float[] v = new float[n];
            if (name.endsWith("ln1.weight") || name.endsWith("ln2.weight") || name.equals("ln_f.weight")) {
                Arrays.fill(v, 1f);
            } else if (!name.endsWith(".bias")) {
                double std = name.endsWith("attn.o.weight") || name.endsWith("mlp.fc2.weight") ? residualStd : 0.02;
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (gaussian(random) * std);
                }
            }
            out.add(new Tensor(name, e.getValue(), v));
        }
        return new GptWeights(c, out);
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default, and this
        // keeps the sequence fixed across JDK versions.
        double u1 = r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }
}
