package io.minnow.modeltools.train;

/**
 * How a model is trained: AdamW (beta1 0.9, beta2 0.99) with linear warm-up to {@code learningRate} and a
 * cosine decay to {@code learningRate / 10} over {@code steps} updates of {@code batchSize} examples drawn
 * (seeded) from the training set. Weight decay applies to matrices and embeddings only, not to LayerNorm
 * gains or biases. Immutable; recorded in the model card.
 */
public record TrainingRecipe(long seed, int steps, int batchSize, float learningRate, int warmupSteps, float weightDecay) {

    public TrainingRecipe {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps must be positive, got " + steps);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (!(learningRate > 0) || learningRate > 1) {
            throw new IllegalArgumentException("learningRate must be in (0, 1], got " + learningRate);
        }
        if (warmupSteps < 0 || warmupSteps >= steps) {
            throw new IllegalArgumentException("warmupSteps must be in [0, steps), got " + warmupSteps);
        }
        if (weightDecay < 0) {
            throw new IllegalArgumentException("weightDecay must not be negative, got " + weightDecay);
        }
    }
}
