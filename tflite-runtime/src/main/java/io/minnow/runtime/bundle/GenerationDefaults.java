package io.minnow.runtime.bundle;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.minnow.runtime.generate.SamplingOptions;

/**
 * model.json's {@code defaults}: the generation settings a request gets for every option it does not set
 * itself. Each field may be absent (null), and then the runtime's own default ({@link SamplingOptions#DEFAULT},
 * llama.cpp's) applies. A model whose answers are exact facts sets {@link #GREEDY}, the settings its
 * evaluation used. Each value obeys the request's rule for that option; a broken one names its field
 * ({@code defaults.temperature}). Immutable and thread-safe.
 *
 * @param maxTokens completion tokens at most, 1 or more (and at most {@code context_length}, checked by the
 *     manifest)
 * @param temperature 0 = greedy
 * @param topK 0 = off
 * @param topP in (0, 1]; 1 = off
 * @param minP in [0, 1); 0 = off
 * @param repeatPenalty above 0; 1 = off
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GenerationDefaults(
        Integer maxTokens, Float temperature, Integer topK, Float topP, Float minP, Float repeatPenalty) {

    /** Deterministic decoding with no filter and no repetition penalty: what model-tools' evaluation runs. */
    public static final GenerationDefaults GREEDY = new GenerationDefaults(null, 0f, 0, 1f, 0f, 1f);

    public GenerationDefaults {
        try {
            // The compact constructor's fields are not assigned yet, so the check goes through the parameters.
            SamplingOptions.DEFAULT.overriddenBy(maxTokens, temperature, topK, topP, minP, repeatPenalty);
        } catch (SamplingOptions.InvalidOption e) {
            throw new InvalidFieldException("defaults." + e.field(), e.problem());
        }
    }

    /** {@code base} with every option set here replacing base's; seed and stop strings stay base's. */
    public SamplingOptions over(SamplingOptions base) {
        return base.overriddenBy(maxTokens, temperature, topK, topP, minP, repeatPenalty);
    }
}
