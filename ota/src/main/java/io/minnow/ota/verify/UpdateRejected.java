package io.minnow.ota.verify;

import java.util.Objects;

/** An update refused or undone, with its {@link ReasonCode} and a sentence saying what exactly was wrong. */
public final class UpdateRejected extends Exception {
    private static final long serialVersionUID = 1L;

    private final ReasonCode code;

    public UpdateRejected(ReasonCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public UpdateRejected(ReasonCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ReasonCode code() {
        return code;
    }

    /** {@code code: message}. */
    @Override
    public String toString() {
        return code.wireName() + ": " + getMessage();
    }
}
