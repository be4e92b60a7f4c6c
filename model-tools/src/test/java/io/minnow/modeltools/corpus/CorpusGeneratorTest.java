package io.minnow.modeltools.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CorpusGeneratorTest {

    static final Path MANUAL = Path.of("..", "docs", "pump-controller-manual.md");

    static DeviceManual manual() throws IOException {
        return new ManualParser().parse(MANUAL);
    }

    @Test
    void readsEveryTableOfTheCommittedManual() throws IOException {
        DeviceManual m = manual();
        assertThat(m.sensors()).extracting(SensorSpec::name)
                .containsExactly("pressure", "flow", "motor_temp", "vibration", "current", "voltage", "level");
        assertThat(m.errorCodes()).hasSize(16);
        assertThat(m.errorCodes().get(0).answer()).startsWith("E01 dry run: no flow while the motor runs");
        assertThat(m.facts()).hasSize(20);
        assertThat(m.logCategories()).hasSize(8);
    }

    @Test
    void statusFollowsTheManualLimitsAndExamples() throws IOException {
        TelemetrySampler sampler = new TelemetrySampler(manual().sensors(), new java.util.SplittableRandom(1));
        assertThat(sampler.status(new double[] {4.2, 85, 62, 2.1, 7.4, 231, 64})).isEqualTo("OK: all readings normal");
        assertThat(sampler.status(new double[] {4.2, 85, 86, 2.1, 7.4, 231, 64}))
                .isEqualTo("WARN: motor_temp high 86 C (limit 80)");
        assertThat(sampler.status(new double[] {0.7, 85, 62, 2.1, 7.4, 231, 12}))
                .isEqualTo("CRITICAL: pressure low 0.7 bar (limit 1.0); level low 12 % (limit 15)");
        assertThat(sampler.status(new double[] {6.0, 120, 80, 4.5, 11.0, 253, 15}))
                .as("normal limits are inclusive").isEqualTo("OK: all readings normal");
        assertThat(sampler.status(new double[] {8.0, 120, 80, 4.5, 11.0, 253, 15}))
                .as("a critical limit itself is critical").isEqualTo("CRITICAL: pressure high 8.0 bar (limit 8.0)");
    }

    @Test
    void sameSeedGivesTheSameCorpusAndAnotherSeedDoesNot() throws IOException {
        CorpusGenerator g = new CorpusGenerator(manual(), Phrasings.builtIn());
        CorpusSpec spec = CorpusSpec.DEFAULT.scaled(0.02);
        assertThat(g.generate(spec)).isEqualTo(g.generate(spec));
        CorpusSpec other = new CorpusSpec(7, spec.statusTrain(), spec.errorTrain(), spec.manualTrain(),
                spec.logTrain(), spec.statusEval(), spec.logEval(), spec.noise(), spec.compositional(), spec.freeQuestions());
        assertThat(g.generate(other).train()).isNotEqualTo(g.generate(spec).train());
    }

    @Test
    void heldOutPromptsAndWordingsNeverReachTraining() throws IOException {
        Phrasings p = Phrasings.builtIn();
        Corpus c = new CorpusGenerator(manual(), p).generate(CorpusSpec.DEFAULT.scaled(0.1));
        Set<String> trainPrompts = c.train().stream().map(Example::prompt).collect(Collectors.toSet());
        assertThat(c.eval()).noneMatch(e -> trainPrompts.contains(e.prompt()));
        assertThat(c.train()).noneMatch(e -> e.prompt().contains("alarm E") || e.prompt().contains("Walk me through")
                || e.prompt().contains("ivo") || e.prompt().contains("RS-485 packet error count"));
        for (Task t : Task.values()) {
            assertThat(c.eval(t)).as("eval set of %s", t).isNotEmpty();
            assertThat(c.train()).as("train set of %s", t).anyMatch(e -> e.task() == t);
        }
        assertThat(c.eval(Task.ERROR_CODE)).hasSize(16 * p.errorForms().heldOut().size());
    }

    @Test
    void fillerNeverUsesAWordOnlyHeldOutWordingsHave() {
        Phrasings p = Phrasings.builtIn();
        Set<String> trainWords = new java.util.HashSet<>();
        Set<String> heldOutWords = new java.util.HashSet<>();
        List<Phrasings.Split> splits = new java.util.ArrayList<>(List.of(p.errorForms()));
        splits.addAll(p.questionFrames().values());
        splits.addAll(p.logTemplates().values());
        for (Phrasings.Split s : splits) {
            s.train().forEach(t -> trainWords.addAll(words(t)));
            s.heldOut().forEach(t -> heldOutWords.addAll(words(t)));
        }
        heldOutWords.removeAll(trainWords);
        heldOutWords.addAll(p.heldOutUsers());
        assertThat(heldOutWords).contains("alarm", "walk", "frequently");
        assertThat(p.filler()).isNotEmpty().doesNotContainAnyElementsOf(heldOutWords);
    }

    @Test
    void noisyCorpusWrapsInputsButKeepsTheHeldOutSet() throws IOException {
        Phrasings p = Phrasings.builtIn();
        CorpusGenerator g = new CorpusGenerator(manual(), p);
        Corpus plain = g.generate(CorpusSpec.DEFAULT.scaled(0.05));
        Corpus noisy = g.generate(CorpusSpec.NOISY.scaled(0.05));
        assertThat(noisy.eval()).isEqualTo(plain.eval());
        Set<String> plainErrorPrompts = plain.train().stream().filter(e -> e.task() == Task.ERROR_CODE)
                .map(Example::prompt).collect(Collectors.toSet());
        List<Example> noisyErrors = noisy.train().stream().filter(e -> e.task() == Task.ERROR_CODE).toList();
        long wrapped = noisyErrors.stream().filter(e -> !plainErrorPrompts.contains(e.prompt())).count();
        assertThat(wrapped).isGreaterThan(noisyErrors.size() / 2);
        Set<String> trainPrompts = noisy.train().stream().map(Example::prompt).collect(Collectors.toSet());
        assertThat(noisy.eval()).noneMatch(e -> trainPrompts.contains(e.prompt()));
    }

    private static List<String> words(String template) {
        return java.util.Arrays.stream(template.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9-]+"))
                .filter(w -> !w.isEmpty()).toList();
    }

    @Test
    void everyPromptUsesItsTaskTemplate() throws IOException {
        Corpus c = new CorpusGenerator(manual(), Phrasings.builtIn()).generate(CorpusSpec.DEFAULT.scaled(0.01));
        for (Example e : c.train()) {
            assertThat(e.prompt()).startsWith(e.task().marker()).endsWith(Task.ANSWER);
            assertThat(e.text()).endsWith(Task.END_OF_TEXT);
        }
    }

    @Test
    void rejectsAManualRowWithALineNumber(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String text = Files.readString(MANUAL).replace("| E05 | overcurrent |", "| X5 | overcurrent |");
        assertThatThrownBy(() -> new ManualParser().parse(text, "manual.md"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("manual.md:")
                .hasMessageContaining("error code must look like E07, got 'X5'");
        String noTable = Files.readString(MANUAL).replace("## Log categories", "## Logs");
        assertThatThrownBy(() -> new ManualParser().parse(noTable, "manual.md"))
                .hasMessageContaining("no '## Log categories' section");
    }

    @Test
    void rejectsSensorLimitsOutOfOrder() {
        assertThatThrownBy(() -> new SensorSpec("flow", "l/min", 0, 0, 180, 30, 20, 120, 150))
                .hasMessageContaining("critical low 30.0 must be below normal low 20.0");
    }
}
