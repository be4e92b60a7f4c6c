package io.minnow.agent.lifecycle;

/** A service could not start; the message names it. */
public final class LifecycleException extends Exception {
    private static final long serialVersionUID = 1L;

    public LifecycleException(String message, Throwable cause) {
        super(message, cause);
    }
}
