package io.minnow.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
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
 * go on and report every problem at once. Each read also records the effective value and where it came from
 * in the {@link Ledger}, so {@code minnow config show} and the environment-variable names cover every section
 * without code of their own. Not thread-safe; lives only while a file is loaded.
 */
final class Section {
    private final String path;
    private final JsonNode node;
    private final List<String> problems;
    private final Ledger ledger;
    private final Set<String> read = new HashSet<>();

    private Section(String path, JsonNode node, Ledger ledger) {
        this.path = path;
        this.node = node;
        this.problems = ledger.problems;
        this.ledger = ledger;
    }

    static Section root(JsonNode node, Ledger ledger) {
        return new Section("", node, ledger);
    }

    Section section(String name) {
        read.add(name);
        JsonNode child = node.path(name);
        if (!child.isMissingNode() && !child.isNull() && !child.isObject()) {
            problem(name, child, "a mapping of settings");
            child = MissingNode.getInstance();
        }
        return new Section(key(name) + ".", child, ledger);
    }

    boolean has(String name) {
        JsonNode child = node.path(name);
        return !child.isMissingNode() && !child.isNull();
    }

    Optional<String> optionalString(String name) {
        read.add(name);
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            note(name, "");
            return Optional.empty();
        }
        if (!v.isValueNode() || v.isBinary()) {
            problem(name, v, "a text value");
            return Optional.empty();
        }
        note(name, v.asText());
        return Optional.of(v.asText());
    }

    String string(String name, String fallback, String pattern, String expected) {
        Optional<String> v = optionalString(name);
        if (v.isPresent() && !v.get().matches(pattern)) {
            problem(name, quote(v.get()), expected);
            return fallback;
        }
        note(name, v.orElse(fallback));
        return v.orElse(fallback);
    }

    long integer(String name, long fallback, long min, long max) {
        read.add(name);
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            note(name, Long.toString(fallback));
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            problem(name, v, "an integer from " + min + " to " + max);
            return fallback;
        }
        note(name, Long.toString(v.asLong()));
        return v.asLong();
    }

    /** An integer from {@code min} to {@code max} that may be left out. */
    Optional<Long> optionalInteger(String name, long min, long max) {
        if (!has(name)) {
            read.add(name);
            note(name, "");
            return Optional.empty();
        }
        int before = problems.size();
        long v = integer(name, min, min, max);
        return problems.size() == before ? Optional.of(v) : Optional.empty();
    }

    /** A number (integer or decimal) from {@code min} to {@code max}. */
    double decimal(String name, double fallback, double min, double max) {
        read.add(name);
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            note(name, number(fallback));
            return fallback;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble()) || v.asDouble() < min || v.asDouble() > max) {
            problem(name, v, "a number from " + number(min) + " to " + number(max));
            return fallback;
        }
        note(name, number(v.asDouble()));
        return v.asDouble();
    }

    /** {@code true} or {@code false} (YAML also reads yes/no/on/off as these). */
    boolean bool(String name, boolean fallback) {
        read.add(name);
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            note(name, Boolean.toString(fallback));
            return fallback;
        }
        if (!v.isBoolean()) {
            problem(name, v, "true or false");
            return fallback;
        }
        note(name, Boolean.toString(v.asBoolean()));
        return v.asBoolean();
    }

    /**
     * A TCP port the agent will listen on: range-checked now, and recorded so {@link LoadedConfig#checkPorts()}
     * can tell whether something else already holds it on {@code host}.
     */
    int listenPort(String name, int fallback, String host) {
        int port = (int) integer(name, fallback, 1, 65_535);
        ledger.listenPort(key(name), host, port, has(name));
        return port;
    }

    <E extends Enum<E>> E choice(String name, E fallback, Function<E, String> text, Class<E> type) {
        Optional<String> v = optionalString(name);
        if (v.isEmpty()) {
            note(name, text.apply(fallback));
            return fallback;
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            if (text.apply(e).equalsIgnoreCase(v.get().trim())) {
                note(name, text.apply(e));
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

    /**
     * A file holding a private key or other secret: readable by the agent, and not by every user of the
     * board (a key anyone can copy is no longer private).
     */
    Optional<Path> secretFile(String name) {
        Optional<Path> p = readableFile(name);
        if (p.isPresent() && worldReadable(p.get())) {
            problem(name, quote(p.get().toString()), "a file only its owner and group can read (every user can"
                    + " read it now: chmod 600 or 640 it)");
            return Optional.empty();
        }
        return p;
    }

    /**
     * A secret (password, token) given either inline as {@code name} or, better, as the path of a file in
     * {@code name_file} whose contents (without a trailing line break) are the secret. Either way the value
     * is masked in {@code config show}; an inline secret in a file every user can read is refused, and a
     * {@code --set} flag for it is refused earlier (flags show in the process list).
     */
    Optional<String> secret(String name) {
        ledger.markSecret(key(name));
        Optional<String> inline = optionalString(name);
        Optional<Path> file = secretFile(name + "_file");
        if (inline.isPresent() && has(name + "_file")) {
            problem(name, Setting.MASK, "either " + key(name) + " or " + key(name + "_file") + ", not both");
            return Optional.empty();
        }
        if (inline.isPresent() && ledger.origin(key(name), true).kind() == Origin.Kind.FILE
                && ledger.fileWorldReadable()) {
            problem(name, Setting.MASK, key(name + "_file") + " (a file only the agent can read), or chmod 640 the"
                    + " configuration file: every user can read it now");
            return Optional.empty();
        }
        if (file.isEmpty()) {
            return inline;
        }
        try {
            String text = Files.readString(file.get(), StandardCharsets.UTF_8).replaceFirst("\\r?\\n$", "");
            if (text.isEmpty()) {
                problem(name + "_file", quote(file.get().toString()), "a file holding the secret (it is empty)");
                return Optional.empty();
            }
            ledger.note(new Setting(key(name), Setting.MASK, new Origin(Origin.Kind.FILE, file.get().toString()),
                    true));
            return Optional.of(text);
        } catch (IOException e) {
            problem(name + "_file", quote(file.get().toString()), "a readable UTF-8 file (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /**
     * A directory the agent writes to: it must exist and be writable, or be creatable (its nearest existing
     * parent is a writable directory).
     */
    Optional<Path> writableDirectory(String name) {
        Optional<String> v = optionalString(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Path p = Path.of(v.get()).toAbsolutePath();
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            problem(name, quote(v.get()), "a directory the agent can write to (" + (existing == null ? p
                    : existing + (Files.isDirectory(existing) ? " is not writable" : " is not a directory")) + ")");
            return Optional.empty();
        }
        return Optional.of(Path.of(v.get()));
    }

    /** A file the agent appends to: writable if it exists, else its directory must exist and be writable. */
    Optional<Path> writableFile(String name) {
        Optional<String> v = optionalString(name);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        Path p = Path.of(v.get()).toAbsolutePath();
        boolean ok = Files.exists(p) ? Files.isRegularFile(p) && Files.isWritable(p)
                : p.getParent() != null && Files.isDirectory(p.getParent()) && Files.isWritable(p.getParent());
        if (!ok) {
            problem(name, quote(v.get()), "a file the agent can write, in an existing directory it can write to");
            return Optional.empty();
        }
        return Optional.of(Path.of(v.get()));
    }

    /** Records a value that did not come from the tree, like the device id read from the board. */
    void derived(String name, String value, Origin origin) {
        read.add(name);
        Origin overridden = ledger.origin(key(name), false); // an empty env value or flag asked for the default
        ledger.note(new Setting(key(name), value, overridden.kind() == Origin.Kind.DEFAULT ? origin : overridden,
                false));
    }

    private static boolean worldReadable(Path p) {
        try {
            return Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false; // no POSIX permissions to check (the agent runs on Linux, tests may not)
        }
    }

    private void note(String name, String value) {
        ledger.note(key(name), value, has(name));
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
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
