package io.minnow.runtime.model;

/**
 * A model file that cannot be used: truncated, corrupted, not a TensorFlow Lite flatbuffer, or structurally
 * inconsistent (an index out of range, constant data of the wrong size).
 */
public class InvalidModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidModelException(String message) {
        super(message);
    }

    public InvalidModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
