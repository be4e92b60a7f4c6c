package io.minnow.runtime.lm;

/**
 * The weights of one transformer block, float32, row-major. Matrices are {@code [out, in]} (PyTorch's
 * {@code nn.Linear.weight} layout): element {@code (o, i)} is at {@code o * in + i}, and {@code y = W·x + b}.
 *
 * @param ln1Gamma [d] LayerNorm before attention, scale
 * @param ln1Beta [d] LayerNorm before attention, shift
 * @param wq [d, d] query projection; head h uses output rows {@code h·D .. h·D+D-1}
 * @param bq [d]
 * @param wk [d, d] key projection, heads laid out like {@code wq}
 * @param bk [d]
 * @param wv [d, d] value projection, heads laid out like {@code wq}
 * @param bv [d]
 * @param wo [d, d] attention output projection; input columns are the heads' outputs concatenated in head order
 * @param bo [d]
 * @param ln2Gamma [d] LayerNorm before the MLP, scale
 * @param ln2Beta [d] LayerNorm before the MLP, shift
 * @param w1 [dFf, d] MLP up projection
 * @param b1 [dFf]
 * @param w2 [d, dFf] MLP down projection
 * @param b2 [d]
 */
public record LayerWeights(
        float[] ln1Gamma, float[] ln1Beta,
        float[] wq, float[] bq, float[] wk, float[] bk, float[] wv, float[] bv, float[] wo, float[] bo,
        float[] ln2Gamma, float[] ln2Beta,
        float[] w1, float[] b1, float[] w2, float[] b2) {

    void validate(TransformerConfig c, int layer) {
        int d = c.dModel();
        int f = c.dFf();
        check(layer, "ln1Gamma", ln1Gamma, d);
        check(layer, "ln1Beta", ln1Beta, d);
        check(layer, "wq", wq, d * d);
        check(layer, "bq", bq, d);
        check(layer, "wk", wk, d * d);
        check(layer, "bk", bk, d);
        check(layer, "wv", wv, d * d);
        check(layer, "bv", bv, d);
        check(layer, "wo", wo, d * d);
        check(layer, "bo", bo, d);
        check(layer, "ln2Gamma", ln2Gamma, d);
        check(layer, "ln2Beta", ln2Beta, d);
        check(layer, "w1", w1, f * d);
        check(layer, "b1", b1, f);
        check(layer, "w2", w2, d * f);
        check(layer, "b2", b2, d);
    }

    private static void check(int layer, String name, float[] values, int expected) {
        TransformerWeights.check("layer " + layer + " " + name, values, expected);
    }
}
