package io.minnow.config;

import io.minnow.config.board.BoardFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a configuration is made of, lowest precedence first: built-in defaults, values read from the
 * board (the device id), the YAML {@code file}, {@code MINNOW_*} environment variables, {@code --set
 * PATH=VALUE} flags.
 *
 * @param file the YAML file; empty for the embedded quickstart defaults
 * @param env the process environment (only {@code MINNOW_*} names are read)
 * @param sets {@code PATH=VALUE} overrides, in command-line order (a later one wins)
 * @param board where the device id is derived from when none is configured
 */
public record ConfigSources(Optional<Path> file, Map<String, String> env, List<String> sets, BoardFiles board) {
    public ConfigSources {
        Objects.requireNonNull(file, "file");
        env = Map.copyOf(env);
        sets = List.copyOf(sets);
        Objects.requireNonNull(board, "board");
    }

    /** This process: its environment and the running board. */
    public static ConfigSources of(Optional<Path> file, List<String> sets) {
        return new ConfigSources(file, System.getenv(), sets, BoardFiles.system());
    }
}
