package io.minnow.modeltools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.runtime.bundle.GenerationDefaults;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.testing.TestBundles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ModelToolsCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void setsGreedyDefaultsKeepingModelAndTokenizerThenRemovesThem() throws Exception {
        Path original = TestBundles.writeRandomBundle(dir);
        Path greedy = dir.resolve("greedy.minnow");
        assertThat(run("defaults", "--bundle", original.toString(), "--out", greedy.toString(), "--greedy"))
                .as(err.toString()).isZero();
        ModelBundle before = ModelBundle.open(original);
        ModelBundle after = ModelBundle.open(greedy);
        assertThat(after.manifest()).isEqualTo(before.manifest().withDefaults(GenerationDefaults.GREEDY));
        assertThat(after.model()).isEqualTo(before.model());
        assertThat(after.tokenizerJson()).isEqualTo(before.tokenizerJson());
        assertThat(out.toString()).contains("greedy.minnow", "generation defaults: greedy");

        assertThat(run("defaults", "--bundle", greedy.toString(), "--none")).as(err.toString()).isZero();
        assertThat(Files.readAllBytes(greedy)).as("in place, and back to the very bytes it started from")
                .isEqualTo(Files.readAllBytes(original));
    }

    @Test
    void refusesAnUnusableBundleAndWritesNothing() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.minnow"), "not a zip");
        Path target = dir.resolve("out.minnow");
        assertThat(run("defaults", "--bundle", junk.toString(), "--out", target.toString(), "--greedy"))
                .isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(err.toString()).contains("junk.minnow", "unusable");
        assertThat(target).doesNotExist();
    }

    @Test
    void needsExactlyOneOfGreedyOrNone() throws Exception {
        Path original = TestBundles.writeRandomBundle(dir);
        assertThat(run("defaults", "--bundle", original.toString(), "--greedy", "--none")).isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
        assertThat(ModelBundle.open(original).manifest().defaults()).isNull();
    }
}
