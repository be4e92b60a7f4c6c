package io.minnow.modeltools.pipeline;

import io.minnow.modeltools.train.TrainingRecipe;

/**
 * Everything that decides a trained model besides its data: tokenizer size, model shape, training recipe,
 * and the token limit of evaluation answers. Immutable; written into the model card.
 */
public record PipelineRecipe(int vocabSize, ModelShape shape, TrainingRecipe training, int maxAnswerTokens) {

    /** The default model, version 1: fits the 30-minute budget on two shared cores. */
    public static final PipelineRecipe DEFAULT =
            new PipelineRecipe(1024, ModelShape.DEFAULT, new TrainingRecipe(20261128L, 2400, 32, 3e-3f, 100, 0.01f), 64);

    /** Smallest vocabulary: the 256 byte symbols, the special tokens and a few merges. */
    public static final int MIN_VOCAB_SIZE = 300;

    public PipelineRecipe {
        if (vocabSize < MIN_VOCAB_SIZE) {
            throw new IllegalArgumentException("vocabSize must be at least " + MIN_VOCAB_SIZE + ", got " + vocabSize);
        }
        if (maxAnswerTokens <= 0) {
            throw new IllegalArgumentException("maxAnswerTokens must be positive, got " + maxAnswerTokens);
        }
    }

    /** The same recipe with another number of training steps (warm-up capped to fit) and peak learning rate. */
    public PipelineRecipe with(int steps, float learningRate) {
        TrainingRecipe t = training;
        return new PipelineRecipe(vocabSize, shape, new TrainingRecipe(t.seed(), steps, t.batchSize(), learningRate,
                Math.min(t.warmupSteps(), steps / 10), t.weightDecay()), maxAnswerTokens);
    }
}
