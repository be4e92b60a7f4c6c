package io.minnow.modeltools.corpus;

/**
 * How much corpus to generate: training examples per task, held-out status and log examples, the seed
 * that makes the whole corpus reproducible, the share of inputs wrapped in filler words ({@code noise}) and
 * whether log lines and questions are composed from keywords and many shapes ({@code compositional}) and the
 * share of maintenance questions asked free-form around the topic ({@code freeQuestions}). Error-code and maintenance evaluation sets are complete (every
 * code or fact with every held-out wording), so they have no count. Immutable.
 */
public record CorpusSpec(long seed, int statusTrain, int errorTrain, int manualTrain, int logTrain,
                         int statusEval, int logEval, double noise, boolean compositional, double freeQuestions) {

    /** The corpus of the default model's version 1. */
    public static final CorpusSpec DEFAULT = new CorpusSpec(20261128L, 24000, 6000, 8000, 8000, 300, 300, 0, false, 0);

    /**
     * The corpus of version 2: the same examples, but most error-code, maintenance and log inputs are wrapped
     * in filler words, so the model learns to find the code, the topic or the keywords wherever they are.
     */
    public static final CorpusSpec NOISY = new CorpusSpec(20261128L, 24000, 6000, 8000, 8000, 300, 300, 0.7, false, 0);

    /**
     * The corpus of version 3: version 2's filler words, plus log lines composed from each category's keyword
     * phrases in many category-neutral shapes and questions asked in more frames, so that held-out wordings
     * can be answered from the keywords or the topic. More log and maintenance examples, fewer status ones
     * (status is already learnt); the held-out set is drawn exactly as for versions 1 and 2.
     */
    public static final CorpusSpec COMPOSITIONAL = new CorpusSpec(20261128L, 20000, 5000, 10000, 13000, 300, 300, 0.7, true, 0);

    /**
     * The corpus of version 4: version 3's, plus free-form questions. A share of the maintenance questions is
     * the topic alone among zero to three words drawn from the whole training vocabulary (log words, sensor
     * names, filler, everyday words) but never a word of a held-out question frame. The answer depends only
     * on the topic, and this says so to the model: version 3 still read {@code schedule} after a topic, a
     * word it knew from log lines, as a cue for another fact or even a log category. More maintenance
     * examples than version 3; the held-out set is the same as for versions 1 to 3.
     */
    public static final CorpusSpec FREE_QUESTIONS = new CorpusSpec(20261128L, 20000, 5000, 16000, 13000, 300, 300, 0.7, true, 0.4);

    public CorpusSpec {
        requirePositive(statusTrain, "statusTrain");
        requirePositive(errorTrain, "errorTrain");
        requirePositive(manualTrain, "manualTrain");
        requirePositive(logTrain, "logTrain");
        requirePositive(statusEval, "statusEval");
        requirePositive(logEval, "logEval");
        if (!(noise >= 0 && noise <= 1)) {
            throw new IllegalArgumentException("noise must be a probability in [0, 1], got " + noise);
        }
        if (!(freeQuestions >= 0 && freeQuestions <= 1)) {
            throw new IllegalArgumentException("freeQuestions must be a probability in [0, 1], got " + freeQuestions);
        }
        if (freeQuestions > 0 && !compositional) {
            throw new IllegalArgumentException("free-form questions build on the compositional corpus; set compositional too");
        }
    }

    private static void requirePositive(int n, String field) {
        if (n <= 0) {
            throw new IllegalArgumentException(field + " must be positive, got " + n);
        }
    }

    /** The same proportions scaled down (at least one example each), for quick runs and tests. */
    public CorpusSpec scaled(double factor) {
        return new CorpusSpec(seed, atLeastOne(statusTrain * factor), atLeastOne(errorTrain * factor),
                atLeastOne(manualTrain * factor), atLeastOne(logTrain * factor),
                atLeastOne(statusEval * factor), atLeastOne(logEval * factor), noise, compositional, freeQuestions);
    }

    private static int atLeastOne(double n) {
        return Math.max(1, (int) Math.round(n));
    }
}
