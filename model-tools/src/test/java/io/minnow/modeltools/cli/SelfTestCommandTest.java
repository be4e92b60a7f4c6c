package io.minnow.modeltools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.SelfTest;
import io.minnow.runtime.testing.TestBundles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfTestCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ModelToolsCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path cases(String expect) throws Exception {
        return Files.writeString(dir.resolve("cases.json"), """
                {"latency_budget_ms": 600000, "cases": [
                  {"template": "ask", "values": {"question": "why"}, "expect": "%s", "max_tokens": 3}]}
                """.formatted(expect));
    }

    @Test
    void recordsTheModelsAnswersThenChecksThemKeepingModelAndTokenizer() throws Exception {
        Path original = TestBundles.writeRandomBundle(dir);
        Path tested = dir.resolve("tested.minnow");
        assertThat(run("self-test", "--bundle", original.toString(), "--cases", cases("?").toString(), "--out",
                tested.toString(), "--record")).as(err.toString()).isZero();
        ModelBundle after = ModelBundle.open(tested);
        SelfTest t = after.manifest().selfTest();
        assertThat(t.cases()).singleElement().satisfies(c -> assertThat(c.expect()).isNotEqualTo("?"));
        assertThat(after.model()).isEqualTo(ModelBundle.open(original).model());
        assertThat(after.manifest().withSelfTest(null)).isEqualTo(ModelBundle.open(original).manifest());
        assertThat(out.toString()).contains("self_test with 1 cases");

        String recorded = t.cases().get(0).expect().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
        assertThat(run("self-test", "--bundle", tested.toString(), "--cases", cases(recorded).toString()))
                .as(err.toString()).isZero();
        assertThat(ModelBundle.open(tested).manifest().selfTest()).isEqualTo(t);
    }

    @Test
    void refusesWrongExpectedAnswersAndWritesNothing() throws Exception {
        Path original = TestBundles.writeRandomBundle(dir);
        byte[] before = Files.readAllBytes(original);
        assertThat(run("self-test", "--bundle", original.toString(), "--cases", cases("surely not this").toString()))
                .isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(err.toString()).contains("does not give the expected answers", "expected \"surely not this\"");
        assertThat(Files.readAllBytes(original)).isEqualTo(before);
    }

    @Test
    void refusesCasesForATemplateTheModelLacks() throws Exception {
        Path original = TestBundles.writeRandomBundle(dir);
        Path bad = Files.writeString(dir.resolve("bad.json"),
                "{\"latency_budget_ms\": 100, \"cases\": [{\"template\": \"nope\", \"values\": {}, \"expect\": \"x\"}]}");
        assertThat(run("self-test", "--bundle", original.toString(), "--cases", bad.toString(), "--record"))
                .isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(err.toString()).contains("self_test.cases[0].template");
    }
}
