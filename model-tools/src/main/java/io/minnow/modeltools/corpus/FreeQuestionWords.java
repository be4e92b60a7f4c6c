package io.minnow.modeltools.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The words free-form training questions put around a topic: every word the training side of the corpus
 * already uses (training error forms, question frames and log templates, log keywords and shapes, filler,
 * question tails, sensor names, user names, and the words of the answers themselves), minus every word of a
 * held-out question frame. Answer words matter: a model that has only seen them in answers treats one in a
 * question as a place to continue from, so {@code Walk me through how to reset a latched fault} drifted into
 * the priming answer's {@code through the priming plug}. The second
 * rule is what keeps evaluation honest: a held-out frame such as {@code what is the {topic} schedule} must be
 * answered from the topic, never from having seen {@code schedule} next to a topic in training, although
 * {@code schedule} is a word of training log lines. Sorted, so the corpus stays seeded.
 */
final class FreeQuestionWords {

    private FreeQuestionWords() {
    }

    static List<String> of(DeviceManual manual, Phrasings phrasings) {
        Set<String> words = new TreeSet<>();
        List<String> sources = new ArrayList<>(phrasings.errorForms().train());
        phrasings.questionFrames().values().forEach(s -> sources.addAll(s.train()));
        phrasings.moreQuestionFrames().values().forEach(sources::addAll);
        phrasings.logTemplates().values().forEach(s -> sources.addAll(s.train()));
        phrasings.logKeywords().values().forEach(sources::addAll);
        sources.addAll(phrasings.logShapes());
        sources.addAll(phrasings.filler());
        sources.addAll(phrasings.questionTails());
        sources.addAll(phrasings.users());
        manual.sensors().forEach(s -> sources.add(s.name()));
        manual.facts().forEach(f -> sources.add(f.answer()));
        manual.errorCodes().forEach(c -> sources.add(c.answer()));
        sources.forEach(s -> words.addAll(words(s)));
        phrasings.questionFrames().values().forEach(s -> s.heldOut().forEach(frame -> words.removeAll(words(frame))));
        if (words.isEmpty()) {
            throw new IllegalArgumentException("the phrasings leave no words for free-form questions");
        }
        return List.copyOf(words);
    }

    /** The words of a wording, lower case, placeholders and punctuation dropped. */
    static List<String> words(String wording) {
        return Arrays.stream(wording.toLowerCase(Locale.ROOT).replaceAll("\\{[a-z0-9]+\\}", " ").split("[^a-z0-9_-]+"))
                .filter(w -> !w.isEmpty()).toList();
    }
}
