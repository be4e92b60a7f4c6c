package io.minnow.modeltools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusCommandTest {

    @TempDir
    Path dir;

    private int run(StringWriter err, String... args) {
        return ModelToolsCli.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
    }

    @Test
    void refusesTwoCorpusVersionsAtOnceAndWritesNothing() {
        StringWriter err = new StringWriter();
        Path out = dir.resolve("c");
        int code = run(err, "corpus", "--manual", "../docs/pump-controller-manual.md", "--noisy", "--compositional",
                "--out", out.toString());
        assertThat(code).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(err.toString()).contains("--corpus, --noisy, --compositional and --free-questions name corpora; give one");
        assertThat(out).doesNotExist();
    }

    @Test
    void refusesAnUnknownCorpusNameNamingTheKnownOnes() {
        StringWriter err = new StringWriter();
        Path out = dir.resolve("c");
        int code = run(err, "corpus", "--manual", "../docs/pump-controller-manual.md", "--corpus", "noisier",
                "--out", out.toString());
        assertThat(code).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(err.toString()).contains("--corpus noisier is not a corpus; expected one of plain, noisy, compositional, free-questions");
        assertThat(out).doesNotExist();
    }

    @Test
    void writesTheCompositionalCorpusWithComposedLogLines() throws IOException {
        StringWriter err = new StringWriter();
        Path out = dir.resolve("c");
        int code = run(err, "corpus", "--manual", "../docs/pump-controller-manual.md", "--compositional",
                "--scale", "0.05", "--out", out.toString());
        assertThat(code).as(err.toString()).isZero();
        String train = Files.readString(out.resolve("train.jsonl"));
        assertThat(train.lines()).hasSize(2400).anyMatch(l -> l.contains(" per technician") && l.contains("\"task\":\"log\""));
        assertThat(Files.readString(out.resolve("heldout.jsonl")).lines()).hasSize(15 + 48 + 120 + 15);
    }

    @Test
    void writesVersionFourByDefaultAndEarlierCorporaByName() throws IOException {
        StringWriter err = new StringWriter();
        assertThat(run(err, "corpus", "--manual", "../docs/pump-controller-manual.md", "--scale", "0.05",
                "--out", dir.resolve("v4").toString())).as(err.toString()).isZero();
        assertThat(run(err, "corpus", "--manual", "../docs/pump-controller-manual.md", "--corpus", "plain", "--scale", "0.05",
                "--out", dir.resolve("v1").toString())).as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("v4").resolve("train.jsonl")).lines()).as("54,000 x 0.05").hasSize(2700);
        assertThat(Files.readString(dir.resolve("v1").resolve("train.jsonl")).lines()).as("46,000 x 0.05").hasSize(2300);
    }
}
