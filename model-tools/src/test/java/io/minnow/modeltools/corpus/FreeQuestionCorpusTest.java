package io.minnow.modeltools.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Version 4's corpus: version 3's plus maintenance questions asked free-form around the topic. */
class FreeQuestionCorpusTest {

    @Test
    void freeWordsComeFromTrainingButNeverFromAHeldOutQuestionFrame() throws IOException {
        Phrasings p = Phrasings.builtIn();
        List<String> words = FreeQuestionWords.of(CorpusGeneratorTest.manual(), p);
        assertThat(words).as("log, sensor and everyday words").contains("detected", "motor_temp", "crew", "breaker", "plug", "impeller", "gateway");
        p.questionFrames().values().forEach(s -> s.heldOut().forEach(frame ->
                assertThat(words).as("words of held-out frame '%s'", frame)
                        .doesNotContainAnyElementsOf(FreeQuestionWords.words(frame))));
        assertThat(words).doesNotContain("schedule", "please", "frequently", "walk", "through", "way");
    }

    /**
     * The two held-out frames version 3 missed put {@code schedule} or {@code please} right after the topic;
     * no training question of version 4 may do that, or the evaluation would stop measuring generalisation.
     */
    @Test
    void noTrainingQuestionPutsAHeldOutFramesWordAfterATopic() throws IOException {
        DeviceManual manual = CorpusGeneratorTest.manual();
        Corpus c = new CorpusGenerator(manual, Phrasings.builtIn()).generate(CorpusSpec.FREE_QUESTIONS.scaled(0.25));
        String topics = manual.facts().stream().flatMap(f -> f.topics().stream()).map(Pattern::quote)
                .collect(Collectors.joining("|"));
        Pattern afterTopic = Pattern.compile("(?i)(" + topics + ")\\W+(schedule|please)\\b");
        List<Example> questions = c.train(Task.MANUAL);
        assertThat(questions).hasSizeGreaterThan(3000).noneMatch(e -> afterTopic.matcher(e.prompt()).find());
    }

    @Test
    void asksSomeQuestionsFreeFormWithLogWordsAroundTheTopic() throws IOException {
        DeviceManual manual = CorpusGeneratorTest.manual();
        Phrasings p = Phrasings.builtIn();
        Corpus v4 = new CorpusGenerator(manual, p).generate(CorpusSpec.FREE_QUESTIONS.scaled(0.25));
        Corpus v3 = new CorpusGenerator(manual, p).generate(CorpusSpec.COMPOSITIONAL.scaled(0.25));
        Set<String> logOnlyWords = Set.of("detected", "breaker", "overheating", "coupling");
        assertThat(share(v4.train(Task.MANUAL), logOnlyWords)).as("v4 questions with log words").isGreaterThan(0.005);
        assertThat(share(v3.train(Task.MANUAL), logOnlyWords)).as("v3 questions with log words").isLessThan(0.001);
        assertThat(v4.eval()).as("the held-out set is version 3's").isEqualTo(v3.eval());
    }

    @Test
    void specRefusesFreeQuestionsOutOfRangeOrWithoutTheCompositionalCorpus() {
        CorpusSpec v3 = CorpusSpec.COMPOSITIONAL;
        assertThatThrownBy(() -> new CorpusSpec(1, 1, 1, 1, 1, 1, 1, 0.5, true, 1.5))
                .hasMessageContaining("freeQuestions must be a probability in [0, 1], got 1.5");
        assertThatThrownBy(() -> new CorpusSpec(1, 1, 1, 1, 1, 1, 1, 0.5, false, 0.3))
                .hasMessageContaining("set compositional too");
        assertThat(v3.freeQuestions()).isZero();
    }

    private static double share(List<Example> questions, Set<String> words) {
        long hits = questions.stream().filter(e -> FreeQuestionWords.words(e.prompt().toLowerCase(Locale.ROOT)).stream()
                .anyMatch(words::contains)).count();
        return hits / (double) questions.size();
    }
}
