package io.minnow.runtime.cli;

import io.minnow.runtime.generate.GenerationResult;
import java.util.Locale;

/** The one-line timing summary the command prints after an answer. */
final class Timings {
    private Timings() {
    }

    /**
     * Prompt and completion sizes, time to first token, and two rates: decode (tokens after the first over
     * the time after the first) and end to end (all completion tokens over the whole request).
     */
    static String summary(GenerationResult r) {
        double ttftMs = r.prefillNanos() / 1e6;
        double totalSeconds = (r.prefillNanos() + r.decodeNanos()) / 1e9;
        String decodeRate = r.completionTokens() > 1 && r.decodeNanos() > 0
                ? String.format(Locale.ROOT, "%.1f", (r.completionTokens() - 1) / (r.decodeNanos() / 1e9))
                : "n/a";
        return String.format(Locale.ROOT,
                "finish %s; prompt %d tokens (%d cached), completion %d tokens; time to first token %.1f ms;"
                        + " decode %s tokens/s; end to end %.1f tokens/s",
                r.finishReason().wireName(), r.promptTokens(), r.cachedPromptTokens(), r.completionTokens(), ttftMs,
                decodeRate, totalSeconds > 0 ? r.completionTokens() / totalSeconds : 0.0);
    }
}
