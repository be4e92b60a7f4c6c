package io.minnow.runtime.lm;

/**
 * The shape of a pre-LayerNorm GPT-style causal language model, as {@code docs/model-conventions.md}
 * describes it. Immutable; validated on construction.
 *
 * @param vocabSize tokens in the vocabulary (V)
 * @param contextLength the longest sequence, positions 0..contextLength-1 (C)
 * @param dModel width of the residual stream (d)
 * @param heads attention heads (H); {@code dModel} must be a multiple, head size D = dModel / heads
 * @param layers transformer blocks (L)
 * @param dFf width of the MLP's hidden layer
 */
public record TransformerConfig(int vocabSize, int contextLength, int dModel, int heads, int layers, int dFf) {
    public TransformerConfig {
        positive("vocabSize", vocabSize);
        positive("contextLength", contextLength);
        positive("dModel", dModel);
        positive("heads", heads);
        positive("layers", layers);
        positive("dFf", dFf);
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("dModel (" + dModel + ") must be a multiple of heads (" + heads + ")");
        }
    }

    private static void positive(String field, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be > 0, got " + value);
        }
    }

    /** Head size D. */
    public int headDim() {
        return dModel / heads;
    }

    /** Number of weights (biases and LayerNorm parameters included). */
    public long parameterCount() {
        long d = dModel;
        long perLayer = 4 * d * d + 4 * d + 2 * d * dFf + dFf + d + 4 * d;
        return (long) vocabSize * d * 2 + (long) contextLength * d + layers * perLayer + 2 * d;
    }
}
