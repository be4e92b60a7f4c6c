package io.minnow.config.board;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Read access to the board's pseudo-files ({@code /proc}, {@code /sys}, {@code /etc/machine-id}) by their
 * absolute paths. {@link #system()} reads the real ones; {@link #under(Path)} reads a copy of a board's layout
 * under a directory, so tests run on recorded files from real boards. Implementations are thread-safe.
 */
public interface BoardFiles {

    /**
     * The text of {@code absolutePath} with trailing NUL bytes and white space removed (the device tree
     * ends its strings with NUL), or empty when the file does not exist or cannot be read.
     */
    Optional<String> read(String absolutePath);

    /** The names in directory {@code absolutePath}, sorted; empty when it does not exist. */
    List<String> list(String absolutePath);

    /** The filesystem holding {@code absolutePath}, for free-space questions; empty if it does not exist. */
    Optional<Path> resolve(String absolutePath);

    /** The running board's files. */
    static BoardFiles system() {
        return under(Path.of("/"));
    }

    /** Files under {@code root}: {@code read("/etc/machine-id")} reads {@code root/etc/machine-id}. */
    static BoardFiles under(Path root) {
        return new BoardFiles() {
            @Override
            public Optional<String> read(String absolutePath) {
                Path p = at(absolutePath);
                try {
                    String text = Files.readString(p, StandardCharsets.ISO_8859_1);
                    return Optional.of(text.replaceAll("[\\x00\\s]+$", ""));
                } catch (IOException | SecurityException e) {
                    return Optional.empty(); // absent on this board: every reader treats it as "not reported"
                }
            }

            @Override
            public List<String> list(String absolutePath) {
                try (Stream<Path> s = Files.list(at(absolutePath))) {
                    return s.map(p -> p.getFileName().toString()).sorted().toList();
                } catch (IOException | SecurityException e) {
                    return List.of();
                }
            }

            @Override
            public Optional<Path> resolve(String absolutePath) {
                Path p = at(absolutePath);
                return Files.exists(p) ? Optional.of(p) : Optional.empty();
            }

            private Path at(String absolutePath) {
                if (!absolutePath.startsWith("/")) {
                    throw new IllegalArgumentException("not an absolute path: " + absolutePath);
                }
                return root.resolve(absolutePath.substring(1));
            }

            @Override
            public String toString() {
                return "board files under " + root;
            }
        };
    }
}
