package io.minnow.runtime.generate;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from logits as {@link SamplingOptions} ask. Filters run in llama.cpp's order:
 * repetition penalty, then top-k, then top-p, then min-p, then temperature, then a draw. Top-p and min-p
 * therefore see the untempered distribution, so temperature only reshapes what survives the filters.
 * {@code temperature == 0} is greedy: the penalty still applies, the filters and the draw do not.
 *
 * <p>The repetition penalty follows llama.cpp: each distinct token among the last {@link #PENALTY_WINDOW}
 * tokens of prompt plus completion has a positive logit divided by the penalty, a negative one multiplied.
 *
 * <p>Not thread-safe: one sampler per generation. A seeded sampler is deterministic: the same logits and
 * history give the same tokens.
 */
public final class Sampler {
    /** How many recent tokens the repetition penalty looks at. */
    public static final int PENALTY_WINDOW = 64;

    private final SamplingOptions options;
    private final SplittableRandom random;

    public Sampler(SamplingOptions options, long seed) {
        this.options = options;
        this.random = new SplittableRandom(seed);
    }

    /**
     * The next token id.
     *
     * @param logits one score per vocabulary entry; not modified
     * @param history prompt and completion tokens so far; only the last {@link #PENALTY_WINDOW} count
     * @param historyLength how many entries of {@code history} are valid
     */
    public int sample(float[] logits, int[] history, int historyLength) {
        float[] scores = penalized(logits, history, historyLength);
        if (options.temperature() == 0f) {
            return argmax(scores);
        }
        int[] order = sortedDescending(scores);
        int kept = options.topK() > 0 ? Math.min(options.topK(), order.length) : order.length;
        double[] probs = softmax(scores, order, kept, 1.0);
        kept = topP(probs, kept, options.topP());
        kept = minP(probs, kept, options.minP());
        probs = softmax(scores, order, kept, options.temperature());
        return order[draw(probs, kept)];
    }

    private float[] penalized(float[] logits, int[] history, int historyLength) {
        float penalty = options.repeatPenalty();
        if (penalty == 1f || historyLength == 0) {
            return logits;
        }
        float[] scores = logits.clone();
        boolean[] seen = new boolean[logits.length];
        for (int i = Math.max(0, historyLength - PENALTY_WINDOW); i < historyLength; i++) {
            int id = history[i];
            if (id >= 0 && id < scores.length && !seen[id]) {
                seen[id] = true;
                scores[id] = scores[id] > 0 ? scores[id] / penalty : scores[id] * penalty;
            }
        }
        return scores;
    }

    static int argmax(float[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] > scores[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Indices by descending score; ties keep the lower index first so results never depend on sort luck. */
    private static int[] sortedDescending(float[] scores) {
        // Packing (order-preserving score bits, index) into longs lets a primitive sort do the work.
        long[] keys = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            int bits = Float.floatToIntBits(scores[i]);
            int sortable = bits >= 0 ? bits : bits ^ 0x7fffffff;
            keys[i] = ((long) ~sortable << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[scores.length];
        for (int i = 0; i < keys.length; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    private static double[] softmax(float[] scores, int[] order, int count, double temperature) {
        double[] probs = new double[count];
        double max = scores[order[0]];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            probs[i] = Math.exp((scores[order[i]] - max) / temperature);
            sum += probs[i];
        }
        for (int i = 0; i < count; i++) {
            probs[i] /= sum;
        }
        return probs;
    }

    /** The smallest head of the candidates whose probability mass reaches {@code p}; at least one. */
    private static int topP(double[] probs, int count, float p) {
        if (p >= 1f) {
            return count;
        }
        double cumulative = 0;
        for (int i = 0; i < count; i++) {
            cumulative += probs[i];
            if (cumulative >= p) {
                return i + 1;
            }
        }
        return count;
    }

    /** Candidates at least {@code minP} times as likely as the best one; at least one. */
    private static int minP(double[] probs, int count, float minP) {
        if (minP <= 0f) {
            return count;
        }
        double threshold = probs[0] * minP;
        int kept = 1;
        while (kept < count && probs[kept] >= threshold) {
            kept++;
        }
        return kept;
    }

    private int draw(double[] probs, int count) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int i = 0; i < count; i++) {
            cumulative += probs[i];
            if (u < cumulative) {
                return i;
            }
        }
        return count - 1;
    }
}
