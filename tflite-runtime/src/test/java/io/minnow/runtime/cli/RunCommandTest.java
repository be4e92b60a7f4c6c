package io.minnow.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.runtime.bundle.GenerationDefaults;
import io.minnow.runtime.lm.ModelConvention;
import io.minnow.runtime.testing.TestBundles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    static Path dir;
    private static Path bundle;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void writeBundle() {
        bundle = TestBundles.writeRandomBundle(dir);
    }

    private int run(String... args) {
        RunCommand command = new RunCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return RunCommand.run(command, args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void streamsAnAnswerAndPrintsTimings() {
        int code = run("--bundle", bundle.toString(), "--prompt", "Hello", "--max-tokens", "6", "--temperature", "0",
                "--backend", "java");
        assertThat(code).as(err()).isZero();
        assertThat(err()).contains("model " + TestBundles.NAME, "kv-cache, java backend", "time to first token",
                "tokens/s", "prompt 5 tokens");
        assertThat(out.toString(StandardCharsets.UTF_8)).endsWith(System.lineSeparator());
    }

    @Test
    void aSeedMakesSamplingRepeatable() {
        String[] args = {"--bundle", bundle.toString(), "--prompt", "Hello", "--max-tokens", "12", "--seed", "5",
                "--temperature", "1.2", "--backend", "java"};
        run(args);
        String first = out.toString(StandardCharsets.UTF_8);
        out.reset();
        run(args);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(first);
    }

    @Test
    void rendersATemplateFromValues() {
        int code = run("--bundle", bundle.toString(), "--template", TestBundles.TEMPLATE, "--value", "question=ok?",
                "--max-tokens", "2", "--backend", "java");
        assertThat(code).as(err()).isZero();
    }

    @Test
    void aMissingTemplateValueFailsWithBadRequest() {
        int code = run("--bundle", bundle.toString(), "--template", TestBundles.TEMPLATE, "--backend", "java");
        assertThat(code).isEqualTo(1);
        assertThat(err()).contains("bad_request", "needs a value for question");
    }

    @Test
    void badSamplingOptionsAreRejectedNamingTheOption() {
        assertThat(run("--bundle", bundle.toString(), "--prompt", "x", "--top-p", "0")).isEqualTo(2);
        assertThat(err()).contains("error: --top-p is 0.0; expected a number in (0, 1]");
        err.reset();
        assertThat(run("--bundle", bundle.toString(), "--prompt", "x", "--max-tokens", "0")).isEqualTo(2);
        assertThat(err()).contains("error: --max-tokens is 0; expected an integer >= 1");
    }

    @Test
    void anUnknownBackendIsRejected() {
        assertThat(run("--bundle", bundle.toString(), "--prompt", "x", "--backend", "gpu")).isEqualTo(2);
        assertThat(err()).contains("--backend", "'gpu'", "AUTO, JAVA, NATIVE");
    }

    @Test
    void promptAndTemplateTogetherAreRejected() {
        assertThat(run("--bundle", bundle.toString(), "--prompt", "x", "--template", "ask")).isEqualTo(2);
        assertThat(err()).contains("exactly one of --prompt or --template");
    }

    @Test
    void anUnusableBundleIsReportedWithTheFileAndField() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.minnow"), "nope");
        assertThat(run("--bundle", junk.toString(), "--prompt", "x")).isEqualTo(3);
        assertThat(err()).contains("junk.minnow", "unusable");
    }

    @Test
    void optionsLeftOutTakeTheBundlesDefaultsAndGivenOnesWin() {
        Path greedy = TestBundles.writeRandomBundle(dir.resolve("greedy.minnow"),
                TestBundles.manifest(ModelConvention.KV_CACHE, TestBundles.tiny())
                        .withDefaults(new GenerationDefaults(10, 0f, null, null, null, null)));
        String explicit = answer(greedy, "--temperature", "0", "--max-tokens", "10");
        Set<String> sampled = new HashSet<>();
        for (int seed = 1; seed <= 4; seed++) {
            assertThat(answer(greedy, "--seed", Integer.toString(seed))).as("seed %d", seed).isEqualTo(explicit);
            sampled.add(answer(greedy, "--seed", Integer.toString(seed), "--temperature", "1.5"));
        }
        assertThat(sampled).as("a given temperature overrides the bundle's").hasSizeGreaterThan(1);
        Set<String> plain = new HashSet<>();
        for (int seed = 1; seed <= 4; seed++) {
            plain.add(answer(bundle, "--seed", Integer.toString(seed), "--max-tokens", "10"));
        }
        assertThat(plain).as("a bundle without defaults samples at 0.8").hasSizeGreaterThan(1);
    }

    private String answer(Path file, String... options) {
        out.reset();
        List<String> args = new ArrayList<>(List.of("--bundle", file.toString(), "--prompt", "Hello", "--backend", "java"));
        args.addAll(List.of(options));
        assertThat(run(args.toArray(String[]::new))).as(err()).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
