package io.minnow.runtime.tokenizer;

import java.util.List;
import java.util.Objects;

/**
 * A prompt as parts that differ in trust: text the model bundle wrote (a template's own text, which may spell
 * special tokens such as {@code <|answer|>}) and values a caller filled in (a device's question), which are
 * always plain text. {@link Tokenizer#encode(PromptText)} turns a special-token string into its token only
 * inside trusted parts, so a question containing {@code <|endoftext|>} cannot end or restructure the prompt.
 * Immutable and thread-safe.
 *
 * @param parts in order; empty parts are allowed and change nothing
 */
public record PromptText(List<Part> parts) {

    /**
     * One stretch of the prompt.
     *
     * @param trusted whether special-token strings here become their tokens (true for the bundle's own text
     *     and for a raw prompt, which its sender writes whole)
     */
    public record Part(String text, boolean trusted) {
        public Part {
            Objects.requireNonNull(text, "text");
        }
    }

    public PromptText {
        parts = List.copyOf(parts);
    }

    /** A prompt that is all trusted text, such as a raw prompt whose sender writes its special tokens. */
    public static PromptText trusted(String text) {
        return new PromptText(List.of(new Part(text, true)));
    }

    /** The whole prompt as one string, as the model reads it. */
    public String text() {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            out.append(p.text());
        }
        return out.toString();
    }
}
