package io.minnow.runtime.generate;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One generation to run.
 *
 * @param deadlineNanos a {@link System#nanoTime()} instant after which the generation stops with {@link
 *     ErrorCode#TIMEOUT}; empty for none
 */
public record GenerationRequest(
        PromptInput input, SamplingOptions sampling, OptionalLong deadlineNanos, CancellationToken cancellation) {
    public GenerationRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(deadlineNanos, "deadlineNanos");
        Objects.requireNonNull(cancellation, "cancellation");
    }

    public static GenerationRequest of(PromptInput input, SamplingOptions sampling) {
        return new GenerationRequest(input, sampling, OptionalLong.empty(), new CancellationToken());
    }
}
