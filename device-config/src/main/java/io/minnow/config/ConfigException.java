package io.minnow.config;

import java.util.List;

/**
 * The configuration file could not be used. Each problem names the setting, the bad value and what is
 * expected, e.g. {@code mqtt.version: "4" is not supported; expected 5 or 3.1.1}.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public ConfigException(String source, List<String> problems) {
        super(source + " has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n  - "
                + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per bad setting, in file order. */
    public List<String> problems() {
        return problems;
    }
}
