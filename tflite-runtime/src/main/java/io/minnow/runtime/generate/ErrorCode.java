package io.minnow.runtime.generate;

/** Stable error codes that reach users (MQTT replies, HTTP API). The wire form is {@link #wireName()}. */
public enum ErrorCode {
    BAD_REQUEST("bad_request"),
    TOO_LARGE("too_large"),
    BUSY("busy"),
    TIMEOUT("timeout"),
    CANCELLED("cancelled"),
    MODEL_UNAVAILABLE("model_unavailable"),
    INTERNAL("internal");

    private final String wireName;

    ErrorCode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
