package io.minnow.modeltools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    private static CliRun run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void refusesTooSmallDataWithOneClearLineAndWritesNothing() throws IOException {
        Path corpus = Files.writeString(dir.resolve("tiny.jsonl"), "{\"prompt\": \"hi\", \"answer\": \"hello\"}\n");
        Path bundle = dir.resolve("out.minnow");
        CliRun r = run("train", "--corpus", corpus.toString(), "--bundle", bundle.toString(), "--work", dir.resolve("w").toString());
        assertThat(r.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(r.err()).startsWith("error: ").contains("tiny.jsonl is too small to train on: 1 examples")
                .doesNotContain("at io.minnow");
        assertThat(bundle).doesNotExist();
        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void refusesBadJsonNamingTheLine() throws IOException {
        Path corpus = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"fine\"}\nnot json\n");
        CliRun r = run("train", "--corpus", corpus.toString(), "--bundle", dir.resolve("b.minnow").toString());
        assertThat(r.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(r.err()).contains("bad.jsonl:2: not valid JSON");
    }

    @Test
    void refusesAMissingCorpusFile() {
        CliRun r = run("train", "--corpus", dir.resolve("absent.txt").toString(), "--bundle", dir.resolve("b.minnow").toString());
        assertThat(r.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(r.err()).contains("absent.txt").contains("no such corpus file");
    }

    @Test
    void explainsMissingOptions() {
        CliRun r = run("train");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("Missing required options").contains("--corpus");
    }

    /** Small model options, so a test trains in seconds. */
    static final String[] TINY = {"--steps=2", "--batch=2", "--vocab=300", "--context=64", "--d-model=16", "--layers=1",
            "--heads=2", "--held-out=0.2"};

    Path plainText() throws IOException {
        String text = IntStream.range(0, 30).mapToObj(i -> "Paragraph " + i + " says the pump at station " + i
                + " was primed, the seal was checked and the strainer was cleaned before the night shift. "
                + "The operator logged the flow, the pressure and the motor temperature every hour. "
                + "Nothing unusual was found, and the pump ran until the morning.")
                .collect(Collectors.joining("\n\n"));
        return Files.writeString(dir.resolve("notes.txt"), text);
    }

    /** Trains with the tiny options; {@code more} replaces any of them ({@code --steps=0}) or adds others. */
    CliRun train(Path corpus, Path bundle, String... more) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String o : TINY) {
            options.put(o.substring(0, o.indexOf('=')), o);
        }
        for (String o : more) {
            options.put(o.substring(0, o.indexOf('=')), o);
        }
        List<String> args = new ArrayList<>(List.of("train", "--corpus=" + corpus, "--bundle=" + bundle,
                "--work=" + dir.resolve("w")));
        args.addAll(options.values());
        return run(args.toArray(String[]::new));
    }

    @Test
    void trainsOnPlainTextLongerThanTheContextAndWritesABundle() throws Exception {
        Path bundle = dir.resolve("notes.minnow");
        CliRun r = train(plainText(), bundle);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("step 2/2").contains("wrote " + bundle);
        ModelManifest manifest = ModelBundle.open(bundle).manifest();
        assertThat(manifest.name()).isEqualTo("minnow-custom");
        assertThat(manifest.templates()).as("no task templates for plain text").isEmpty();
    }

    @Test
    void refusesToOverwriteAnExistingBundleBeforeTraining() throws IOException {
        Path bundle = Files.writeString(dir.resolve("old.minnow"), "an earlier model");
        CliRun r = train(plainText(), bundle);
        assertThat(r.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("error: --bundle " + bundle + " already exists; delete it or choose another file");
        assertThat(bundle).hasContent("an earlier model");
        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void refusesABundleInAMissingDirectoryBeforeTraining() throws IOException {
        Path bundle = dir.resolve("no-such-dir").resolve("m.minnow");
        CliRun r = train(plainText(), bundle);
        assertThat(r.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(r.err().strip()).isEqualTo("error: --bundle " + bundle + ": the directory " + bundle.getParent()
                + " does not exist");
        assertThat(bundle.getParent()).doesNotExist();
        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void refusesBadNumbersNamingTheOptionAndWritesNothing() throws IOException {
        Path corpus = plainText();
        Path bundle = dir.resolve("m.minnow");
        CliRun steps = train(corpus, bundle, "--steps=0");
        assertThat(steps.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(steps.err().strip()).isEqualTo("error: --steps must be positive, got 0");
        CliRun heldOut = train(corpus, bundle, "--held-out=0.9");
        assertThat(heldOut.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(heldOut.err().strip()).isEqualTo("error: --held-out must be in (0, 0.5], got 0.9");
        CliRun name = train(corpus, bundle, "--name= ");
        assertThat(name.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(name.err().strip()).isEqualTo("error: --name must not be blank");
        CliRun context = train(corpus, bundle, "--context=40000");
        assertThat(context.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(context.err().strip()).isEqualTo("error: --context must be 2 to 32768, got 40000");
        assertThat(bundle).doesNotExist();
        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void refusesAPairLongerThanTheContextWithOneLineAndWritesNothing() throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            jsonl.append("{\"prompt\": \"How is pump ").append(i).append(" primed before the shift starts?\", "
                    + "\"answer\": \" Open the vent and fill the casing.\"}\n");
        }
        jsonl.append("{\"prompt\": \"Why ").append(IntStream.range(1, 80).mapToObj(Integer::toString)
                .collect(Collectors.joining(" "))).append("?\", \"answer\": \" Because.\"}\n");
        Path corpus = Files.writeString(dir.resolve("pairs.jsonl"), jsonl);
        Path bundle = dir.resolve("m.minnow");
        CliRun r = train(corpus, bundle, "--held-out=0.05");
        assertThat(r.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(r.err().lines()).singleElement().asString()
                .contains("longer than the context of 64 tokens allows").contains("'Why 1 2 3 4");
        assertThat(bundle).doesNotExist();
        assertThat(dir.resolve("w")).doesNotExist();
    }
}
