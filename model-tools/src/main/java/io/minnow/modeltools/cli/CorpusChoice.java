package io.minnow.modeltools.cli;

import io.minnow.modeltools.corpus.CorpusSpec;

/** Maps the corpus flags the commands share to a {@link CorpusSpec}; at most one flag may be given. */
final class CorpusChoice {

    private CorpusChoice() {
    }

    static CorpusSpec spec(boolean noisy, boolean compositional, boolean freeQuestions) {
        int given = (noisy ? 1 : 0) + (compositional ? 1 : 0) + (freeQuestions ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("--noisy, --compositional and --free-questions name different corpora; give one");
        }
        return freeQuestions ? CorpusSpec.FREE_QUESTIONS
                : compositional ? CorpusSpec.COMPOSITIONAL : noisy ? CorpusSpec.NOISY : CorpusSpec.DEFAULT;
    }
}
