package io.minnow.ota.release;

/**
 * A release file or key list that cannot be read: not JSON, a missing or ill-typed field. Names the field
 * ({@code signed.release}) and what was expected.
 */
public final class ReleaseFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String field;

    public ReleaseFormatException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The JSON path of the bad field, e.g. {@code signed.bundle.sha256}. */
    public String field() {
        return field;
    }
}
