package io.minnow.modeltools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ModelToolsCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void refusesTooSmallDataWithOneClearLineAndWritesNothing() throws IOException {
        Path corpus = Files.writeString(dir.resolve("tiny.jsonl"), "{\"prompt\": \"hi\", \"answer\": \"hello\"}\n");
        Path bundle = dir.resolve("out.minnow");
        Run r = run("train", "--corpus", corpus.toString(), "--bundle", bundle.toString(), "--work", dir.resolve("w").toString());
        assertThat(r.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(r.err()).startsWith("error: ").contains("tiny.jsonl is too small to train on: 1 examples")
                .doesNotContain("at io.minnow");
        assertThat(bundle).doesNotExist();
        assertThat(dir.resolve("w")).doesNotExist();
    }

    @Test
    void refusesBadJsonNamingTheLine() throws IOException {
        Path corpus = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"fine\"}\nnot json\n");
        Run r = run("train", "--corpus", corpus.toString(), "--bundle", dir.resolve("b.minnow").toString());
        assertThat(r.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(r.err()).contains("bad.jsonl:2: not valid JSON");
    }

    @Test
    void refusesAMissingCorpusFile() {
        Run r = run("train", "--corpus", dir.resolve("absent.txt").toString(), "--bundle", dir.resolve("b.minnow").toString());
        assertThat(r.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(r.err()).contains("absent.txt").contains("no such corpus file");
    }

    @Test
    void explainsMissingOptions() {
        Run r = run("train");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("Missing required options").contains("--corpus");
    }
}
