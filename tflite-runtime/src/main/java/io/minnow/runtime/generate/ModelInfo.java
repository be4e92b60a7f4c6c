package io.minnow.runtime.generate;

import java.util.List;
import java.util.Objects;

/** What users are told about the model that answers them. */
public record ModelInfo(String name, String version, int contextLength, List<String> templates) {
    public ModelInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        templates = List.copyOf(templates);
    }
}
