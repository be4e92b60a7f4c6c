package io.minnow.config;

import java.util.Objects;

/**
 * One setting's effective value as {@code minnow config show} prints it.
 *
 * @param path the setting's full path, like {@code mqtt.broker_url}
 * @param value the value as text; secrets are already masked, an unset optional setting is {@code ""}
 * @param secret true for passwords, tokens and the like (the value is masked)
 */
public record Setting(String path, String value, Origin origin, boolean secret) {
    /** What a secret's value is shown as. */
    public static final String MASK = "********";

    public Setting {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }

    /** The environment variable that overrides this setting, like {@code MINNOW_MQTT_BROKER_URL}. */
    public String envName() {
        return envName(path);
    }

    static String envName(String path) {
        return "MINNOW_" + path.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }
}
