package io.minnow.runtime.generate;

import java.util.List;
import java.util.Objects;

/**
 * What users are told about the model that answers them. Immutable.
 *
 * @param defaults what a request gets for each sampling option it does not set ({@code max_tokens},
 *     {@code temperature}, {@code top_k}, {@code top_p}, {@code min_p}, {@code repeat_penalty}); a bundle may
 *     choose them, e.g. greedy for a model whose answers are exact facts. Seed and stop strings are unused.
 */
public record ModelInfo(String name, String version, int contextLength, List<String> templates,
        SamplingOptions defaults) {
    public ModelInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(defaults, "defaults");
        templates = List.copyOf(templates);
    }

    /** A model that leaves request defaults to the runtime ({@link SamplingOptions#DEFAULT}). */
    public ModelInfo(String name, String version, int contextLength, List<String> templates) {
        this(name, version, contextLength, templates, SamplingOptions.DEFAULT);
    }
}
