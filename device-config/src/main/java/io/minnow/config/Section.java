package io.minnow.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One mapping of the configuration file, read setting by setting. Every read that fails adds a problem
 * naming the full setting path, the bad value and what was expected, and returns the default so reading can
 * go on and report every problem at once. Not thread-safe; lives only while a file is loaded.
 */
final class Section {
    private final String path;
    private final JsonNode node;
    private final List<String> problems;
    private final Set<String> read = new HashSet<>();

    private Section(String path, JsonNode node, List<String> problems) {
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    static Section root(JsonNode node, List<String> problems) {
        return new Section("", node, problems);
    }

    Section section(String name) {
        read.add(name);
        JsonNode child = node.path(name);
        if (!child.isMissingNode() && !child.isNull() && !child.isObject()) {
            problem(name, child, "a mapping of settings");
            child = MissingNode.getInstance();
        }
        return new Section(key(name) + ".", child, problems);
    }

    boolean has(String name) {
        JsonNode child = node.path(name);
        return !child.isMissingNode() && !child.isNull();
    }

    Optional<String> optionalString(String name) {
        read.add(name);
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isValueNode() || v.isBinary()) {
            problem(name, v, "a text value");
            return Optional.empty();
        }
        return Optional.of(v.asText());
    }

    String string(String name, String fallback, String pattern, String expected) {
        Optional<String> v = optionalString(name);
        if (v.isPresent() && !v.get().matches(pattern)) {
            problem(name, quote(v.get()), expected);
            return fallback;
        }
        return v.orElse(fallback);
    }

    long integer(String name, long fallback, long min, long max) {
        read.add(name);
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            problem(name, v, "an integer from " + min + " to " + max);
            return fallback;
        }
        return v.asLong();
    }

    <E extends Enum<E>> E choice(String name, E fallback, Function<E, String> text, Class<E> type) {
        Optional<String> v = optionalString(name);
        if (v.isEmpty()) {
            return fallback;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (text.apply(e).equalsIgnoreCase(v.get().trim())) {
                return e;
            }
            names.add(text.apply(e));
        }
        problem(name, quote(v.get()), "one of " + String.join(", ", names));
        return fallback;
    }

    Optional<URI> uri(String name, Set<String> schemes) {
        Optional<String> v = optionalString(name);
        if (v.isEmpty() || v.get().isBlank()) {
            return Optional.empty();
        }
        String expected = "a URL like " + String.join(" or ", schemes.stream().sorted()
                .map(s -> s + "://host:port").toList());
        try {
            URI uri = new URI(v.get().trim());
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                problem(name, quote(v.get()), expected);
                return Optional.empty();
            }
            return Optional.of(uri);
        } catch (URISyntaxException e) {
            problem(name, quote(v.get()), expected);
            return Optional.empty();
        }
    }

    Optional<Path> readableFile(String name) {
        Optional<String> v = optionalString(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Path p = Path.of(v.get());
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            problem(name, quote(v.get()), "a readable file (" + p.toAbsolutePath() + " is not one)");
            return Optional.empty();
        }
        return Optional.of(p);
    }

    /** Reports every key of this mapping that no read asked for: a typo must not be silently ignored. */
    void rejectUnknown() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!read.contains(name)) {
                problems.add(key(name) + ": unknown setting; expected one of " + String.join(", ",
                        read.stream().sorted().toList()));
            }
        }
    }

    void problem(String name, Object value, String expected) {
        problems.add(key(name) + ": " + (value instanceof JsonNode j ? j.toString() : value) + " is not valid; expected "
                + expected);
    }

    String key(String name) {
        return path + name;
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    boolean bool(String name, boolean fallback) {
        read.add(name);
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(name, v, "true or false");
            return fallback;
        }
        return v.asBoolean();
    }

    /** A list of texts each matching {@code pattern}; a single text counts as a list of one. */
    List<String> strings(String name, String pattern, String expected) {
        read.add(name);
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v.isArray() ? v : List.of(v)) {
            if (!e.isTextual() || !e.asText().matches(pattern)) {
                // The value may be a secret (an API token): say where, not what.
                problem(name + "[" + out.size() + "]", e.isTextual() ? "(a text that is not shown)" : e, expected);
                return List.of();
            }
            out.add(e.asText());
        }
        return out;
    }
}
