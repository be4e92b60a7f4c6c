package io.minnow.modeltools.corpus;

import java.util.Objects;

/** One log category from the manual: its name and what it covers. Immutable. */
public record LogCategory(String name, String covers) {
    public LogCategory {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z]+")) {
            throw new IllegalArgumentException("log category must be one lower-case word, got '" + name + "'");
        }
    }
}
