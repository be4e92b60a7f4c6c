package io.minnow.modeltools.train;

/**
 * One tokenized training example: its ids and how many of them are prompt. Loss counts only the tokens after
 * the prompt (the answer and the end-of-text); plain text has a prompt length of 0, so every token counts
 * except the first, which nothing predicts. Immutable.
 */
public record TrainingSequence(int[] ids, int promptLength) {
    public TrainingSequence {
        if (ids.length < 2) {
            throw new IllegalArgumentException("a training sequence needs at least 2 tokens, got " + ids.length);
        }
        if (promptLength < 0 || promptLength >= ids.length) {
            throw new IllegalArgumentException("prompt length " + promptLength + " must leave at least one of "
                    + ids.length + " tokens to predict");
        }
    }

    /** Tokens whose prediction is trained on. */
    public int targets() {
        return ids.length - Math.max(1, promptLength);
    }
}
