package io.minnow.agent.protocol;

import io.minnow.runtime.generate.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * A request that cannot be run, with the code and message to send back and, when they could be read, the
 * request id and where the error reply goes.
 */
public final class RequestRejected extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient Optional<String> id;
    private final transient Optional<ReplyRoute> route;

    public RequestRejected(ErrorCode code, String message, Optional<String> id, Optional<ReplyRoute> route) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
        this.id = Objects.requireNonNull(id, "id");
        this.route = Objects.requireNonNull(route, "route");
    }

    public ErrorCode code() {
        return code;
    }

    public Optional<String> id() {
        return id;
    }

    /** Empty when the sender gave no usable reply topic: then nobody can be told. */
    public Optional<ReplyRoute> route() {
        return route;
    }
}
