package io.minnow.runtime.generate;

import java.util.Objects;

/**
 * The outcome of a generation.
 *
 * @param prefillNanos time spent on the prompt (including any prefix-cache lookup)
 * @param decodeNanos time spent producing the completion tokens after the first
 */
public record GenerationResult(
        String text,
        FinishReason finishReason,
        int promptTokens,
        int completionTokens,
        int cachedPromptTokens,
        long prefillNanos,
        long decodeNanos) {
    public GenerationResult {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(finishReason, "finishReason");
    }
}
