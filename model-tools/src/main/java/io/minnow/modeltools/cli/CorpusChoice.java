package io.minnow.modeltools.cli;

import io.minnow.modeltools.corpus.CorpusSpec;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The corpus options {@code default} and {@code corpus} share: {@code --corpus NAME}, plus the one-word
 * flags earlier model cards recorded in their rebuild commands ({@code --noisy}, {@code --compositional}),
 * kept so those commands still run. At most one may be given. A picocli mixin.
 */
final class CorpusChoice {

    /** The corpora by name: plain, noisy, compositional and free-questions are versions 1 to 4's. */
    static final Map<String, CorpusSpec> CORPORA = Map.of(
            "plain", CorpusSpec.DEFAULT,
            "noisy", CorpusSpec.NOISY,
            "compositional", CorpusSpec.COMPOSITIONAL,
            "free-questions", CorpusSpec.FREE_QUESTIONS);

    @Option(names = "--corpus", paramLabel = "NAME", description = "Which corpus: plain (version 1), noisy (2), "
            + "compositional (3) or free-questions (4, the default).")
    String name;

    @Option(names = "--noisy", description = "The same as --corpus noisy.")
    boolean noisy;

    @Option(names = "--compositional", description = "The same as --corpus compositional.")
    boolean compositional;

    @Option(names = "--free-questions", description = "The same as --corpus free-questions.")
    boolean freeQuestions;

    /** The corpus name asked for; throws naming the problem if it is unknown or two were given. */
    String name() {
        int given = (name != null ? 1 : 0) + (noisy ? 1 : 0) + (compositional ? 1 : 0) + (freeQuestions ? 1 : 0);
        if (given > 1) {
            throw new IllegalArgumentException("--corpus, --noisy, --compositional and --free-questions name corpora; give one");
        }
        String chosen = name != null ? name : noisy ? "noisy" : compositional ? "compositional" : "free-questions";
        if (!CORPORA.containsKey(chosen)) {
            throw new IllegalArgumentException("--corpus " + chosen + " is not a corpus; expected one of plain, noisy, "
                    + "compositional, free-questions");
        }
        return chosen;
    }

    CorpusSpec spec() {
        return CORPORA.get(name());
    }
}
