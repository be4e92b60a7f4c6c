package io.minnow.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes environment variables ({@code MINNOW_MQTT_BROKER_URL=...}) and then {@code --set mqtt.broker_url=...}
 * flags over the parsed YAML tree, before any section reads it; so precedence is default &lt; file &lt; env
 * &lt; flag for every setting, and the sections validate overridden values exactly like file values. Values
 * are read as YAML scalars ({@code 30} is a number, {@code true} a boolean) unless that would change their
 * text ({@code 007} stays text); an empty value removes the setting, restoring its default. Stateless.
 */
final class Overlay {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PATH = "[a-z0-9_]+(\\.[a-z0-9_]+)*";

    private Overlay() {}

    /** Every setting a configuration can hold, learned from a load of the defaults. */
    record Schema(List<String> paths, Set<String> secrets) {}

    /** Which settings were overridden from where, and the overrides that could not be applied. */
    record Result(Map<String, Origin> origins, List<String> problems) {}

    static Result apply(ObjectNode root, Schema schema, Map<String, String> env, List<String> sets) {
        Map<String, Origin> origins = new HashMap<>();
        List<String> problems = new ArrayList<>();
        Map<String, String> byEnvName = new HashMap<>();
        Set<String> sectionPrefixes = new HashSet<>();
        for (String p : schema.paths()) {
            byEnvName.put(Setting.envName(p), p);
            if (p.contains(".")) {
                sectionPrefixes.add(Setting.envName(p.substring(0, p.indexOf('.'))) + "_");
            }
        }
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            String path = byEnvName.get(name);
            if (path == null) {
                // A typo inside a section (MINNOW_MQTT_BROKR_URL) is refused; other MINNOW_* variables belong
                // to other tools (the launcher's MINNOW_JAVA_OPTS, a test's switches) and are not ours to judge.
                if (sectionPrefixes.stream().anyMatch(name::startsWith)) {
                    problems.add(name + ": no setting has this name; expected a variable `minnow config show`"
                            + " lists, like MINNOW_MQTT_BROKER_URL for mqtt.broker_url");
                }
                continue;
            }
            if (put(root, path, e.getValue(), name, problems)) {
                origins.put(path, new Origin(Origin.Kind.ENV, name));
            }
        }
        for (String set : sets) {
            int eq = set.indexOf('=');
            String path = eq < 0 ? set : set.substring(0, eq);
            String label = "--set " + path;
            if (eq < 0 || !path.matches(PATH)) {
                problems.add(label + ": \"" + set + "\" is not valid; expected PATH=VALUE, like"
                        + " mqtt.broker_url=tcp://broker:1883");
            } else if (!schema.paths().contains(path)) {
                problems.add(label + ": unknown setting; expected a path `minnow config show` lists, like"
                        + " mqtt.broker_url");
            } else if (schema.secrets().contains(path)) {
                problems.add(label + ": a secret is not taken from a flag, which every user sees in the process"
                        + " list; expected " + path + "_file or the variable " + Setting.envName(path));
            } else if (put(root, path, set.substring(eq + 1), label, problems)) {
                origins.put(path, new Origin(Origin.Kind.FLAG, ""));
            }
        }
        return new Result(origins, problems);
    }

    private static boolean put(ObjectNode root, String path, String value, String label, List<String> problems) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.path(parts[i]);
            if (child.isMissingNode() || child.isNull()) {
                node = node.putObject(parts[i]);
            } else if (child instanceof ObjectNode o) {
                node = o;
            } else {
                problems.add(label + ": cannot set " + path + " because the file sets "
                        + String.join(".", java.util.Arrays.copyOf(parts, i + 1)) + " to " + child
                        + "; expected a mapping there");
                return false;
            }
        }
        node.set(parts[parts.length - 1], scalar(value));
        return true;
    }

    static JsonNode scalar(String value) {
        if (value.isEmpty()) {
            return NullNode.getInstance();
        }
        try {
            JsonNode n = YAML.readTree(value);
            if (n != null && n.isValueNode() && !n.isNull() && n.asText().equals(value)) {
                return n;
            }
        } catch (JacksonException e) {
            // not YAML: taken as the text it is
        }
        return TextNode.valueOf(value);
    }
}
