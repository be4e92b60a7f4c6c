package io.minnow.modeltools.train;

/**
 * The shape of a pre-LayerNorm GPT as docs/model-conventions.md defines it: token and learned position
 * embeddings, {@code layers} blocks of multi-head attention ({@code heads} heads of {@code dModel / heads})
 * and a tanh-GELU MLP of width {@code dFeedForward}, a final LayerNorm and an untied output projection.
 * Immutable.
 */
public record GptConfig(int vocabSize, int contextLength, int dModel, int layers, int heads, int dFeedForward) {

    /** LayerNorm epsilon, fixed by the conventions. */
    public static final float LAYER_NORM_EPS = 1e-5f;

    public GptConfig {
        positive(vocabSize, "vocabSize");
        positive(contextLength, "contextLength");
        positive(dModel, "dModel");
        positive(layers, "layers");
        positive(heads, "heads");
        positive(dFeedForward, "dFeedForward");
        if (dModel % heads != 0) {
            throw new IllegalArgumentException("dModel " + dModel + " must be a multiple of heads " + heads);
        }
    }

    private static void positive(int v, String name) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    /** The width of one attention head. */
    public int headDim() {
        return dModel / heads;
    }

    /** The number of trainable parameters. */
    public long parameterCount() {
        long d = dModel;
        long perLayer = 2 * 2 * d              // two LayerNorms
                + 4 * (d * d + d)              // q, k, v, o with biases
                + (d * dFeedForward + dFeedForward) + ((long) dFeedForward * d + d);
        return (long) vocabSize * d + (long) contextLength * d + layers * perLayer + 2 * d + (long) vocabSize * d;
    }
}
