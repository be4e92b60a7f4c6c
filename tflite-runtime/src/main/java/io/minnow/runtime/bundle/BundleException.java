package io.minnow.runtime.bundle;

import java.util.Objects;

/**
 * A model bundle that cannot be used, with the field or entry that is wrong (e.g. {@code
 * model.json:context_length}, {@code tokenizer.json}, {@code model.tflite:logits}).
 */
public class BundleException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    public BundleException(String field, String message) {
        super(field + ": " + message);
        this.field = Objects.requireNonNull(field, "field");
    }

    public BundleException(String field, String message, Throwable cause) {
        super(field + ": " + message, cause);
        this.field = Objects.requireNonNull(field, "field");
    }

    /** Where in the bundle the problem is: an entry name, optionally {@code :} and a field path. */
    public String field() {
        return field;
    }
}
