package io.minnow.modeltools.corpus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The wordings the generator combines with the manual, each split into training and held-out lists. Held-out
 * wordings never reach the training set; evaluation asks with them. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Phrasings(
        Split errorForms,
        Map<String, Split> questionFrames,
        Map<String, Split> logTemplates,
        List<String> users,
        List<String> heldOutUsers,
        List<String> filler,
        Map<String, List<String>> logKeywords,
        List<String> logShapes,
        Map<String, List<String>> moreQuestionFrames,
        List<String> questionTails) {

    /** Wordings for training and wordings kept for evaluation. */
    public record Split(List<String> train, List<String> heldOut) {
        public Split {
            train = List.copyOf(train);
            heldOut = List.copyOf(heldOut);
            if (train.isEmpty() || heldOut.isEmpty()) {
                throw new IllegalArgumentException("every phrasing list needs training and held-out entries");
            }
        }

        public List<String> pick(boolean heldOutSide) {
            return heldOutSide ? heldOut : train;
        }
    }

    public Phrasings {
        questionFrames = Map.copyOf(questionFrames);
        logTemplates = Map.copyOf(logTemplates);
        users = List.copyOf(users);
        heldOutUsers = List.copyOf(heldOutUsers);
        filler = filler == null ? List.of() : List.copyOf(filler);
        logKeywords = logKeywords == null ? Map.of() : copyLists(logKeywords);
        logShapes = logShapes == null ? List.of() : List.copyOf(logShapes);
        moreQuestionFrames = moreQuestionFrames == null ? Map.of() : copyLists(moreQuestionFrames);
        questionTails = questionTails == null ? List.of() : List.copyOf(questionTails);
        if (logShapes.stream().anyMatch(shape -> !shape.contains("{kw}"))) {
            throw new IllegalArgumentException("every log shape needs a {kw} slot, got " + logShapes);
        }
    }

    private static Map<String, List<String>> copyLists(Map<String, List<String>> lists) {
        Map<String, List<String>> copy = new java.util.TreeMap<>();
        lists.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** The phrasings shipped with model-tools. */
    public static Phrasings builtIn() {
        try (InputStream in = Phrasings.class.getResourceAsStream("phrasings.json")) {
            if (in == null) {
                throw new IllegalStateException("phrasings.json is missing from the model-tools jar");
            }
            return new ObjectMapper().readValue(in, Phrasings.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in phrasings.json", e);
        }
    }

    /** The question frames for one kind of maintenance fact; throws if the phrasings do not cover it. */
    public Split frames(MaintenanceFact.Kind kind) {
        Split s = questionFrames.get(kind.name().toLowerCase(java.util.Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("phrasings have no question frames for kind " + kind);
        }
        return s;
    }

    /**
     * The compositional corpus's log keyword phrases for one category; throws if there are none, since a
     * category without keywords could only be learnt from its templates.
     */
    public List<String> logKeywords(String category) {
        List<String> k = logKeywords.get(category);
        if (k == null || k.isEmpty()) {
            throw new IllegalArgumentException("phrasings have no log keywords for category '" + category + "'");
        }
        return k;
    }

    /** Every training question frame of one kind for the compositional corpus: the frames plus the extra ones. */
    public List<String> allTrainFrames(MaintenanceFact.Kind kind) {
        List<String> all = new java.util.ArrayList<>(frames(kind).train());
        all.addAll(moreQuestionFrames.getOrDefault(kind.name().toLowerCase(java.util.Locale.ROOT), List.of()));
        return List.copyOf(all);
    }

    /** The log templates for one category; throws if the phrasings do not cover it. */
    public Split logTemplates(String category) {
        Split s = logTemplates.get(category);
        if (s == null) {
            throw new IllegalArgumentException("phrasings have no log templates for category '" + category + "'");
        }
        return s;
    }
}
