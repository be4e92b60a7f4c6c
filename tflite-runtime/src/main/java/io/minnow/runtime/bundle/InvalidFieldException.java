package io.minnow.runtime.bundle;

/**
 * A {@code model.json} value that breaks a rule, thrown while building the manifest records; the reader turns
 * it into a {@link BundleException} for the same field.
 */
public final class InvalidFieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The field path in model.json, e.g. {@code templates.classify}. */
    public String field() {
        return field;
    }

    static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new InvalidFieldException(field, message);
        }
    }
}
