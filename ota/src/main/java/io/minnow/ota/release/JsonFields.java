package io.minnow.ota.release;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the fields of one signed JSON object strictly: each read names the full path of a missing or
 * ill-typed field, and {@link #rejectUnknown} refuses fields nobody reads (a signed document must mean exactly
 * what the board checks, nothing more). Not thread-safe; lives while one document is read.
 */
public final class JsonFields {
    private final String path;
    private final JsonNode node;
    private final Set<String> known;

    private JsonFields(String path, JsonNode node, Set<String> known) {
        this.path = path;
        this.node = node;
        this.known = known;
    }

    /** @throws ReleaseFormatException if {@code node} is not an object */
    public static JsonFields of(String path, JsonNode node, String... known) throws ReleaseFormatException {
        if (node == null || !node.isObject()) {
            throw new ReleaseFormatException(path, "is " + (node == null ? "missing" : node.getNodeType())
                    + "; expected an object");
        }
        return new JsonFields(path, node, Set.of(known));
    }

    public String string(String name) throws ReleaseFormatException {
        JsonNode v = node.get(name);
        if (v == null || !v.isTextual() || v.textValue().isBlank()) {
            throw new ReleaseFormatException(key(name), describe(v) + "; expected a non-empty string");
        }
        return v.textValue();
    }

    public long integer(String name, long min) throws ReleaseFormatException {
        JsonNode v = node.get(name);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min) {
            throw new ReleaseFormatException(key(name), describe(v) + "; expected an integer of at least " + min);
        }
        return v.longValue();
    }

    public boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    public Instant instant(String name) throws ReleaseFormatException {
        String text = string(name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ReleaseFormatException(key(name), "\"" + text + "\" is not a UTC time like 2026-12-08T01:00:00Z");
        }
    }

    public List<String> strings(String name) throws ReleaseFormatException {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new ReleaseFormatException(key(name), describe(v) + "; expected an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual() || e.textValue().isBlank()) {
                throw new ReleaseFormatException(key(name), "holds " + e + "; expected non-empty strings");
            }
            out.add(e.textValue());
        }
        return List.copyOf(out);
    }

    public JsonNode node(String name) {
        return node.get(name);
    }

    public JsonFields object(String name, String... fields) throws ReleaseFormatException {
        return of(key(name), node.get(name), fields);
    }

    /** @throws ReleaseFormatException naming the first field that no reader knows */
    public void rejectUnknown() throws ReleaseFormatException {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new ReleaseFormatException(key(name), "is not a known field; expected one of "
                        + known.stream().sorted().toList());
            }
        }
    }

    public String key(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String describe(JsonNode v) {
        return v == null || v.isNull() ? "is missing" : "is " + v;
    }
}
