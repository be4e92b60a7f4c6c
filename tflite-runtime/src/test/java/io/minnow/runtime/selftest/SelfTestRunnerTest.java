package io.minnow.runtime.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.bundle.BundleGenerator;
import io.minnow.runtime.bundle.GeneratorConfig;
import io.minnow.runtime.bundle.SelfTest;
import io.minnow.runtime.bundle.SelfTestCase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runner on the committed default model: its real greedy answers decide. */
class SelfTestRunnerTest {
    private static final SelfTestCase E04 = SelfTestCase.template("error_code", Map.of("code", "E04"),
            "E04 motor overtemperature: winding temperature above 95 C. Action: let the motor cool for 30 minutes,"
                    + " clean the fan cover, check the current draw.");
    private static BundleGenerator generator;

    @BeforeAll
    static void open() throws Exception {
        generator = BundleGenerator.open(Path.of("..", "models", "minnow-pump-4.minnow"),
                new InterpreterOptions(BackendChoice.JAVA, 1, false, Optional.empty()), GeneratorConfig.DEFAULT);
    }

    @AfterAll
    static void close() {
        generator.close();
    }

    @Test
    void passesWhenEveryAnswerIsExactAndInTime() {
        SelfTestRunner.Report r = SelfTestRunner.run(generator, new SelfTest(600_000, List.of(E04)), System::nanoTime);
        assertThat(r.passed()).as(r.summary()).isTrue();
        assertThat(r.summary()).isEqualTo("1 of 1 cases answered right within 600000 ms");
    }

    @Test
    void failsOnAWrongAnswerAndSaysWhatCameInstead() {
        SelfTestCase wrong = SelfTestCase.template("error_code", Map.of("code", "E04"), "E04 something else");
        SelfTestRunner.Report r = SelfTestRunner.run(generator, new SelfTest(600_000, List.of(wrong, E04)), System::nanoTime);
        assertThat(r.passed()).isFalse();
        assertThat(r.cases().get(1).answeredRight()).as("every case runs").isTrue();
        assertThat(r.summary()).contains("expected \"E04 something else\"").contains("answered \"E04 motor overtemperature");
    }

    @Test
    void failsACaseOverTheLatencyBudget() {
        AtomicLong fakeNanos = new AtomicLong();
        SelfTestRunner.Report r = SelfTestRunner.run(generator, new SelfTest(1_000, List.of(E04)),
                () -> fakeNanos.addAndGet(2_000_000_000L));
        assertThat(r.passed()).isFalse();
        assertThat(r.summary()).contains("took 2000 ms; the budget is 1000 ms");
    }

    @Test
    void reportsACaseThatCannotGenerate() {
        SelfTestCase missing = SelfTestCase.template("error_code", Map.of(), "x");
        SelfTestRunner.Report r = SelfTestRunner.run(generator, new SelfTest(600_000, List.of(missing)), System::nanoTime);
        assertThat(r.passed()).isFalse();
        assertThat(r.summary()).contains("failed to generate");
    }
}
