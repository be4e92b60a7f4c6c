package io.minnow.runtime.generate;

import java.util.Objects;

/** A generation that could not be done, with a stable {@link ErrorCode} and a message a person can act on. */
public class GenerationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public GenerationException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public GenerationException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
