package io.minnow.modeltools.eval;

/**
 * How one model did on one task's held-out prompts: {@code correct} by the task's field checks and
 * {@code exact} whole-answer matches, out of {@code total}. Immutable.
 */
public record TaskScore(String task, int total, int correct, int exact) {

    public TaskScore {
        if (total <= 0 || correct < 0 || correct > total || exact < 0 || exact > total) {
            throw new IllegalArgumentException("bad score counts: total " + total + ", correct " + correct + ", exact " + exact);
        }
    }

    /** Correct answers as a percentage. */
    public double accuracy() {
        return 100.0 * correct / total;
    }
}
