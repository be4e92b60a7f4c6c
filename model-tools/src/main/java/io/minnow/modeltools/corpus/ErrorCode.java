package io.minnow.modeltools.corpus;

import java.util.Objects;

/** One fault code from the manual. Immutable. */
public record ErrorCode(String code, String name, String meaning, String action) {
    public ErrorCode {
        Objects.requireNonNull(code, "code");
        if (!code.matches("E\\d{2}")) {
            throw new IllegalArgumentException("error code must look like E07, got '" + code + "'");
        }
        requireText(name, "name", code);
        requireText(meaning, "meaning", code);
        requireText(action, "action", code);
    }

    private static void requireText(String value, String field, String code) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("error code " + code + " has no " + field);
        }
    }

    /** The number without the letter, e.g. 7 for E07. */
    public int number() {
        return Integer.parseInt(code.substring(1));
    }

    /** The answer the model gives for this code. */
    public String answer() {
        return code + " " + name + ": " + meaning + ". Action: " + action + ".";
    }
}
