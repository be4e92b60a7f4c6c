package io.minnow.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Which model bundle runs, and how.
 *
 * @param path the {@code .minnow} bundle file; empty uses the default bundle embedded in the agent's jar
 * @param threads threads one generation may use inside the interpreter
 */
public record ModelConfig(Optional<Path> path, ModelBackend backend, int threads) {
    public ModelConfig {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(backend, "backend");
    }
}
