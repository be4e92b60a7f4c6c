package io.minnow.modeltools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model-tools eval} on the committed version 3 bundle. */
class EvalCommandTest {

    private static final Path BUNDLE = Path.of("..", "models", "minnow-pump-3.minnow");

    @TempDir
    Path dir;

    @Test
    void scoresEachTaskAndListsTheWrongAnswers() throws IOException {
        String right = "E04 motor overtemperature: winding temperature above 95 C. Action: let the motor cool for 30 "
                + "minutes, clean the fan cover, check the current draw.";
        Path examples = Files.writeString(dir.resolve("x.jsonl"),
                "{\"task\":\"error_code\",\"prompt\":\"<|error_code|>E04<|answer|>\",\"answer\":\"" + right + "\"}\n"
                + "{\"task\":\"error_code\",\"prompt\":\"<|error_code|>E05<|answer|>\",\"answer\":\"" + right + "\"}\n"
                + "{\"task\":\"log\",\"prompt\":\"<|log|>12:00:01 RS-485 link down<|answer|>\",\"answer\":\"communication\"}\n");
        CliRun r = CliRun.run("eval", "--bundle", BUNDLE.toString(), "--examples", examples.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("error_code  50.0% correct (1/2)", "log        100.0% correct (1/1)")
                .contains("miss error_code: <|error_code|>E05<|answer|>", "answered E05 overcurrent");
    }

    @Test
    void refusesExamplesWithoutTasksUnknownBackendsAndAZeroTokenLimit() throws IOException {
        Path text = Files.writeString(dir.resolve("t.jsonl"), "{\"prompt\":\"a\",\"answer\":\"b\"}\n");
        CliRun noTasks = CliRun.run("eval", "--bundle", BUNDLE.toString(), "--examples", text.toString());
        assertThat(noTasks.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(noTasks.err()).contains("has no task examples");
        CliRun backend = CliRun.run("eval", "--bundle", BUNDLE.toString(), "--examples", text.toString(), "--backend", "gpu");
        assertThat(backend.err()).contains("--backend gpu is not valid; expected java or native");
        CliRun missing = CliRun.run("eval", "--bundle", dir.resolve("none.minnow").toString(), "--examples", text.toString());
        assertThat(missing.err()).contains("none.minnow is not a file");
        CliRun zero = CliRun.run("eval", "--bundle", BUNDLE.toString(), "--examples", text.toString(), "--max-tokens", "0");
        assertThat(zero.code()).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(zero.err()).contains("--max-tokens must be at least 1, got 0");
    }
}
