package io.minnow.config;

import java.util.Objects;

/**
 * Where a setting's effective value came from. Later kinds win: a default is overridden by the file, the file
 * by an environment variable, an environment variable by a {@code --set} flag. {@link Kind#BOARD} is a value
 * read from the board itself (the device id derived from its serial), used only where nothing was configured.
 *
 * @param detail the file, variable or board file it came from; empty for defaults and flags
 */
public record Origin(Kind kind, String detail) {
    /** Precedence order, lowest first. */
    public enum Kind {
        DEFAULT,
        BOARD,
        FILE,
        ENV,
        FLAG
    }

    public static final Origin DEFAULT = new Origin(Kind.DEFAULT, "");

    public Origin {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** Reads like {@code env MINNOW_MQTT_BROKER_URL}, {@code file /etc/minnow/agent.yaml} or {@code default}. */
    @Override
    public String toString() {
        String k = switch (kind) {
            case DEFAULT -> "default";
            case BOARD -> "board";
            case FILE -> "file";
            case ENV -> "env";
            case FLAG -> "flag --set";
        };
        return detail.isEmpty() ? k : k + " " + detail;
    }
}
