package io.minnow.runtime.selftest;

import io.minnow.runtime.bundle.SelfTest;
import io.minnow.runtime.bundle.SelfTestCase;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.SamplingOptions;
import io.minnow.runtime.generate.TextSink;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Runs a bundle's {@link SelfTest} on a loaded {@link Generator}: every case with greedy decoding, its answer
 * compared exactly with the expected text, its wall time with the latency budget. Used by the OTA updater
 * before a new model serves and by the agent's self-test button on the serving model; it needs only a
 * generator, no store. Stateless and thread-safe (the generator bounds its own concurrency).
 */
public final class SelfTestRunner {
    private SelfTestRunner() {
    }

    /** How one case went. {@code millis} is its wall time; {@code error} is set when it did not generate. */
    public record CaseResult(SelfTestCase testCase, String answer, long millis, String error) {
        public boolean answeredRight() {
            return error == null && testCase.expect().equals(answer);
        }
    }

    /** How a self-test went. */
    public record Report(List<CaseResult> cases, long latencyBudgetMs) {
        public Report {
            cases = List.copyOf(cases);
        }

        public boolean passed() {
            return cases.stream().allMatch(c -> c.answeredRight() && c.millis() <= latencyBudgetMs);
        }

        /** One sentence: all passed, or the first failing case and what was wrong. */
        public String summary() {
            for (CaseResult c : cases) {
                if (c.error() != null) {
                    return "case \"" + c.testCase().label() + "\" failed to generate: " + c.error();
                }
                if (!c.answeredRight()) {
                    return "case \"" + c.testCase().label() + "\" answered \"" + c.answer() + "\"; expected \""
                            + c.testCase().expect() + "\"";
                }
                if (c.millis() > latencyBudgetMs) {
                    return "case \"" + c.testCase().label() + "\" took " + c.millis() + " ms; the budget is "
                            + latencyBudgetMs + " ms";
                }
            }
            return cases.size() + " of " + cases.size() + " cases answered right within " + latencyBudgetMs + " ms";
        }
    }

    /**
     * Runs every case, even after one fails, so the report is complete.
     *
     * @param nanoClock {@link System#nanoTime} in production
     */
    public static Report run(Generator generator, SelfTest test, LongSupplier nanoClock) {
        List<CaseResult> results = new ArrayList<>();
        int defaultMax = generator.model().defaults().maxTokens();
        for (SelfTestCase c : test.cases()) {
            SamplingOptions greedy = new SamplingOptions(c.maxTokens() != null ? c.maxTokens() : defaultMax, 0f, 0, 1f,
                    0f, 1f, OptionalLong.empty(), List.of());
            long start = nanoClock.getAsLong();
            try {
                GenerationResult r = generator.generate(GenerationRequest.of(c.input(), greedy), TextSink.NONE);
                results.add(new CaseResult(c, r.text(), millis(nanoClock, start), null));
            } catch (GenerationException | RuntimeException e) {
                results.add(new CaseResult(c, "", millis(nanoClock, start), e.getMessage()));
            }
        }
        return new Report(results, test.latencyBudgetMs());
    }

    private static long millis(LongSupplier clock, long start) {
        return TimeUnit.NANOSECONDS.toMillis(clock.getAsLong() - start);
    }
}
