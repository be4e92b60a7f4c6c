package io.minnow.modeltools.pipeline;

import io.minnow.modeltools.train.GptConfig;

/** The model's shape apart from its vocabulary, which the tokenizer decides. Immutable. */
public record ModelShape(int contextLength, int dModel, int layers, int heads, int dFeedForward) {

    /** The default model: about 1.1M parameters with a 1024-token vocabulary. */
    public static final ModelShape DEFAULT = new ModelShape(128, 128, 4, 4, 512);

    public ModelShape {
        new GptConfig(1, contextLength, dModel, layers, heads, dFeedForward);
    }

    public GptConfig withVocabulary(int vocabSize) {
        return new GptConfig(vocabSize, contextLength, dModel, layers, heads, dFeedForward);
    }
}
