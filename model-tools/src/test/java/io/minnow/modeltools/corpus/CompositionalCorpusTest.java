package io.minnow.modeltools.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Version 3's corpus: log lines composed from category keywords in many shapes, more question frames. */
class CompositionalCorpusTest {

    /** Words the manual itself names (log categories' typical words, maintenance topics) that held-out wordings also use. */
    private static final Set<String> MANUAL_KEYWORDS = Set.of("prime", "grease", "check");

    @Test
    void noTrainingInputOfAnyCorpusContainsAHeldOutWording() throws IOException {
        Phrasings p = Phrasings.builtIn();
        CorpusGenerator g = new CorpusGenerator(CorpusGeneratorTest.manual(), p);
        HeldOutWordings heldOut = new HeldOutWordings(p);
        for (CorpusSpec spec : List.of(CorpusSpec.DEFAULT, CorpusSpec.NOISY, CorpusSpec.COMPOSITIONAL, CorpusSpec.FREE_QUESTIONS)) {
            Corpus c = g.generate(spec.scaled(0.1));
            assertThat(c.train()).as("training set of %s", spec)
                    .noneMatch(e -> heldOut.contains(e.prompt()) && e.task() != Task.STATUS);
            assertThat(c.eval()).as("every held-out error, question and log input has a held-out wording")
                    .filteredOn(e -> e.task() != Task.STATUS).allMatch(e -> heldOut.contains(e.prompt()));
        }
    }

    /**
     * The v1 to v4 bundles record the corpus they trained on only by the command that rebuilds it, so the
     * generator must keep producing those corpora byte for byte (SHA-256 of the committed runs' train.jsonl
     * and heldout.jsonl).
     */
    @Test
    void versionOneToFourCorporaStayByteIdentical(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        CorpusGenerator g = new CorpusGenerator(CorpusGeneratorTest.manual(), Phrasings.builtIn());
        Corpus v1 = g.generate(CorpusSpec.DEFAULT);
        Corpus v2 = g.generate(CorpusSpec.NOISY);
        Corpus v3 = g.generate(CorpusSpec.COMPOSITIONAL);
        Corpus v4 = g.generate(CorpusSpec.FREE_QUESTIONS);
        assertThat(sha256(v4.train(), dir)).as("version 4, the default model's corpus").isEqualTo("4206cf3c27e71e23dbb3b73e7c136a02c5c865db3db2d7ae38abf17ba20a7f5b");
        assertThat(sha256(v3.train(), dir)).isEqualTo("97783ec2ca760dd906dc14c4f12bcf778431db06eb84a7a86119307642fc7cce");
        assertThat(sha256(v1.train(), dir)).isEqualTo("1cf53a1d9db97663de234b85172b275a18127fc2e3d2074ea6baaac6c82c7232");
        assertThat(sha256(v2.train(), dir)).isEqualTo("0d2b5b6fcde0f2a3905a38adfe2a80f4f78d7f6f712bde009d650c89b64d1026");
        assertThat(sha256(v2.eval(), dir)).isEqualTo("0bd285df80451dddc520bc0739f82205a9292b9431295f066bd9355831920905");
    }

    private static String sha256(List<Example> examples, java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("corpus.jsonl");
        Corpus.writeJsonl(examples, file);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(java.nio.file.Files.readAllBytes(file));
        return java.util.HexFormat.of().formatHex(digest);
    }

    @Test
    void recognisesHeldOutWordingsWrappedInFillerButNotTrainingOnes() {
        HeldOutWordings heldOut = new HeldOutWordings(Phrasings.builtIn());
        assertThat(heldOut.contains("<|log|>hi 03:12:09 pump lost prime, no flow thanks<|answer|>")).isTrue();
        assertThat(heldOut.contains("Walk me through how to prime the pump.")).isTrue();
        assertThat(heldOut.contains("quick ALARM E07")).isTrue();
        assertThat(heldOut.contains("03:12:09 pump stopped by anna")).isFalse();
        assertThat(heldOut.contains("How often is the bearing greasing due?")).isFalse();
    }

    @Test
    void keepsTheHeldOutSetOfVersionsOneAndTwo() throws IOException {
        CorpusGenerator g = new CorpusGenerator(CorpusGeneratorTest.manual(), Phrasings.builtIn());
        Corpus v1 = g.generate(CorpusSpec.DEFAULT.scaled(0.05));
        Corpus v3 = g.generate(CorpusSpec.COMPOSITIONAL.scaled(0.05));
        assertThat(v3.eval(Task.ERROR_CODE)).isEqualTo(v1.eval(Task.ERROR_CODE));
        assertThat(v3.eval(Task.MANUAL)).isEqualTo(v1.eval(Task.MANUAL));
        assertThat(v3.eval(Task.LOG)).isEqualTo(v1.eval(Task.LOG));
        Set<String> trainPrompts = v3.train().stream().map(Example::prompt).collect(Collectors.toSet());
        assertThat(v3.eval()).noneMatch(e -> trainPrompts.contains(e.prompt()));
    }

    @Test
    void composedWordingsUseNoWordOnlyHeldOutWordingsHaveBesidesTheManualsKeywords() {
        Phrasings p = Phrasings.builtIn();
        Set<String> trainWords = new HashSet<>();
        Set<String> heldOutWords = new HashSet<>();
        List<Phrasings.Split> splits = new ArrayList<>(List.of(p.errorForms()));
        splits.addAll(p.questionFrames().values());
        splits.addAll(p.logTemplates().values());
        for (Phrasings.Split s : splits) {
            s.train().forEach(t -> trainWords.addAll(words(t)));
            s.heldOut().forEach(t -> heldOutWords.addAll(words(t)));
        }
        heldOutWords.removeAll(trainWords);
        heldOutWords.addAll(p.heldOutUsers());
        heldOutWords.removeAll(MANUAL_KEYWORDS);
        Set<String> composedWords = new HashSet<>();
        p.logKeywords().values().forEach(list -> list.forEach(t -> composedWords.addAll(words(t))));
        p.logShapes().forEach(t -> composedWords.addAll(words(t)));
        p.moreQuestionFrames().values().forEach(list -> list.forEach(t -> composedWords.addAll(words(t))));
        p.questionTails().forEach(t -> composedWords.addAll(words(t)));
        assertThat(heldOutWords).contains("lost", "falling", "please", "frequently", "walk");
        assertThat(composedWords).isNotEmpty().doesNotContainAnyElementsOf(heldOutWords);
    }

    @Test
    void everyCategorysKeywordsAppearInTheSameNeutralShapes() throws IOException {
        Corpus c = new CorpusGenerator(CorpusGeneratorTest.manual(), Phrasings.builtIn())
                .generate(CorpusSpec.COMPOSITIONAL.scaled(0.2));
        Map<String, List<Example>> byCategory = c.train().stream().filter(e -> e.task() == Task.LOG)
                .collect(Collectors.groupingBy(Example::answer));
        assertThat(byCategory).hasSize(8);
        byCategory.forEach((category, lines) -> {
            assertThat(lines).as("%s lines in a neutral shape", category)
                    .anyMatch(e -> e.prompt().contains(" per technician"))
                    .anyMatch(e -> e.prompt().contains("status change: "));
            long distinct = lines.stream().map(Example::prompt).distinct().count();
            assertThat(distinct).as("distinct %s lines", category).isGreaterThan(lines.size() * 9 / 10);
        });
    }

    @Test
    void asksEveryKindOfQuestionInMoreFramesThanVersionTwo() throws IOException {
        Phrasings p = Phrasings.builtIn();
        for (MaintenanceFact.Kind kind : MaintenanceFact.Kind.values()) {
            assertThat(p.allTrainFrames(kind)).hasSizeGreaterThan(2 * p.frames(kind).train().size())
                    .doesNotContainAnyElementsOf(p.frames(kind).heldOut());
        }
    }

    @Test
    void refusesACompositionalCorpusWithoutKeywordsForEveryCategory() throws IOException {
        Phrasings full = Phrasings.builtIn();
        Map<String, List<String>> missingOne = new java.util.TreeMap<>(full.logKeywords());
        missingOne.remove("thermal");
        Phrasings partial = new Phrasings(full.errorForms(), full.questionFrames(), full.logTemplates(), full.users(),
                full.heldOutUsers(), full.filler(), missingOne, full.logShapes(), full.moreQuestionFrames(), full.questionTails());
        CorpusGenerator g = new CorpusGenerator(CorpusGeneratorTest.manual(), partial);
        assertThat(g.generate(CorpusSpec.NOISY.scaled(0.01)).train()).isNotEmpty();
        assertThatThrownBy(() -> g.generate(CorpusSpec.COMPOSITIONAL.scaled(0.01)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no log keywords for category 'thermal'");
        assertThatThrownBy(() -> new Phrasings(full.errorForms(), full.questionFrames(), full.logTemplates(), full.users(),
                full.heldOutUsers(), full.filler(), full.logKeywords(), List.of("{kw} seen", "logged"), full.moreQuestionFrames(),
                full.questionTails()))
                .hasMessageContaining("every log shape needs a {kw} slot");
    }

    private static List<String> words(String template) {
        return Arrays.stream(template.toLowerCase(Locale.ROOT).replaceAll("\\{[a-z0-9]+\\}", " ").split("[^a-z0-9-]+"))
                .filter(w -> !w.isEmpty()).toList();
    }
}
