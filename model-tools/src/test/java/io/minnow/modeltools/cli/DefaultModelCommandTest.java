package io.minnow.modeltools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model-tools default} refuses bad options before it generates a corpus or trains anything. */
class DefaultModelCommandTest {

    @TempDir
    Path dir;

    private String refused(String... options) throws IOException {
        StringWriter err = new StringWriter();
        Path work = dir.resolve("work");
        String[] args = new String[options.length + 5];
        args[0] = "default";
        args[1] = "--manual";
        args[2] = "../docs/pump-controller-manual.md";
        args[3] = "--work";
        args[4] = work.toString();
        System.arraycopy(options, 0, args, 5, options.length);
        int code = ModelToolsCli.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).as(err.toString()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(work).as("nothing written").doesNotExist();
        return err.toString();
    }

    @Test
    void refusesBadOptionsNamingThemBeforeTraining() throws IOException {
        Path bundle = dir.resolve("b.minnow");
        assertThat(refused("--version", " ", "--bundle", bundle.toString())).contains("--version must not be blank");
        assertThat(refused("--steps", "0", "--bundle", bundle.toString())).contains("--steps must be positive, got 0");
        assertThat(refused("--learning-rate", "-1", "--bundle", bundle.toString()))
                .contains("--learning-rate must be positive, got -1.0");
        assertThat(refused("--bundle", Files.createDirectories(dir.resolve("d")).toString())).contains("is a directory");
        assertThat(refused("--corpus", "v9", "--bundle", bundle.toString())).contains("--corpus v9 is not a corpus");
        assertThat(bundle).doesNotExist();
    }

    @Test
    void refusesResumingWithoutTheWeightsOwnTokenizer() throws IOException {
        Path bundle = dir.resolve("b.minnow");
        Path weights = Files.writeString(dir.resolve("w.safetensors"), "not read");
        assertThat(refused("--resume", weights.toString(), "--bundle", bundle.toString()))
                .contains("--resume needs --tokenizer");
        assertThat(refused("--resume", dir.resolve("none.safetensors").toString(), "--tokenizer", weights.toString(),
                "--bundle", bundle.toString())).contains("--resume " + dir.resolve("none.safetensors") + " is not a file");
        assertThat(refused("--resume", weights.toString(), "--tokenizer", dir.resolve("none.json").toString(),
                "--bundle", bundle.toString())).contains("--tokenizer " + dir.resolve("none.json") + " is not a file");
    }
}
