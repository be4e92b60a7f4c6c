package io.minnow.runtime.generate;

import java.util.List;
import java.util.OptionalLong;

/**
 * How tokens are chosen. {@code temperature == 0} means greedy. {@code topK == 0}, {@code topP == 1} and
 * {@code minP == 0} switch those filters off; {@code repeatPenalty == 1} switches the penalty off.
 */
public record SamplingOptions(
        int maxTokens,
        float temperature,
        int topK,
        float topP,
        float minP,
        float repeatPenalty,
        OptionalLong seed,
        List<String> stop) {

    public static final SamplingOptions DEFAULT =
            new SamplingOptions(128, 0.8f, 40, 0.95f, 0.05f, 1.1f, OptionalLong.empty(), List.of());

    public static final SamplingOptions GREEDY =
            new SamplingOptions(128, 0f, 0, 1f, 0f, 1f, OptionalLong.empty(), List.of());

    public SamplingOptions {
        stop = List.copyOf(stop);
        require(maxTokens >= 1, "max_tokens", maxTokens, "an integer >= 1");
        require(temperature >= 0f && Float.isFinite(temperature), "temperature", temperature, "a number >= 0");
        require(topK >= 0, "top_k", topK, "an integer >= 0 (0 = off)");
        require(topP > 0f && topP <= 1f, "top_p", topP, "a number in (0, 1]");
        require(minP >= 0f && minP < 1f, "min_p", minP, "a number in [0, 1)");
        require(repeatPenalty > 0f && Float.isFinite(repeatPenalty), "repeat_penalty", repeatPenalty, "a number > 0");
        for (String s : stop) {
            require(!s.isEmpty(), "stop", "\"\"", "non-empty strings");
        }
    }

    /**
     * These options with each given (non-null) value replacing this one's; seed and stop strings stay. For
     * layering: a bundle's defaults over {@link #DEFAULT}, a caller's choices over a bundle's defaults.
     *
     * @throws InvalidOption naming the first value out of range
     */
    public SamplingOptions overriddenBy(Integer maxTokens, Float temperature, Integer topK, Float topP, Float minP,
            Float repeatPenalty) {
        return new SamplingOptions(
                maxTokens != null ? maxTokens : this.maxTokens,
                temperature != null ? temperature : this.temperature,
                topK != null ? topK : this.topK,
                topP != null ? topP : this.topP,
                minP != null ? minP : this.minP,
                repeatPenalty != null ? repeatPenalty : this.repeatPenalty,
                seed,
                stop);
    }

    /** These options with another seed and stop strings. */
    public SamplingOptions withSeedAndStop(OptionalLong seed, List<String> stop) {
        return new SamplingOptions(maxTokens, temperature, topK, topP, minP, repeatPenalty, seed, stop);
    }

    private static void require(boolean ok, String field, Object value, String expected) {
        if (!ok) {
            throw new InvalidOption(field, "is " + value + "; expected " + expected);
        }
    }

    /** One option out of range, named by its snake_case field ({@code temperature}, {@code top_k}). */
    public static final class InvalidOption extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final String field;
        private final String problem;

        InvalidOption(String field, String problem) {
            super(field + " " + problem);
            this.field = field;
            this.problem = problem;
        }

        /** The snake_case name of the option, as in the request schema. */
        public String field() {
            return field;
        }

        /** What is wrong with it, without the name: {@code is -1.0; expected a number >= 0}. */
        public String problem() {
            return problem;
        }
    }
}
