package io.minnow.modeltools.train;

import java.time.Duration;

/**
 * A progress report during training: the step just finished, the mean loss per counted token since the last
 * report, the throughput in input tokens (padding included) per second and the estimated time left.
 */
public record TrainingProgress(int step, int steps, double loss, double learningRate, double tokensPerSecond,
                               Duration elapsed, Duration remaining) {

    /** One line for a terminal, e.g. {@code step 200/6000  loss 1.2345  lr 2.0e-03  14,210 tok/s  ETA 12m30s}. */
    public String line() {
        return String.format(java.util.Locale.ROOT, "step %d/%d  loss %.4f  lr %.1e  %,.0f tok/s  elapsed %s  ETA %s",
                step, steps, loss, learningRate, tokensPerSecond, format(elapsed), format(remaining));
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
