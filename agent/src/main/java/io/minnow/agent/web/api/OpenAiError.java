package io.minnow.agent.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.agent.web.http.Json;
import io.minnow.runtime.generate.ErrorCode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * An error in the OpenAI API's shape, {@code {"error": {"message", "type", "param", "code"}}}, with its HTTP
 * status. Immutable.
 */
public record OpenAiError(int status, String type, String code, String param, String message) {

    public static OpenAiError invalid(String param, String message) {
        return new OpenAiError(HttpStatus.BAD_REQUEST_400, "invalid_request_error", "invalid_value", param, message);
    }

    /** The error for a generation that ended or was refused with {@code code}. */
    public static OpenAiError of(ErrorCode code, String message) {
        return switch (code) {
            case BAD_REQUEST -> new OpenAiError(400, "invalid_request_error", "invalid_value", null, message);
            case TOO_LARGE -> new OpenAiError(400, "invalid_request_error", "context_length_exceeded", null, message);
            case BUSY -> new OpenAiError(429, "rate_limit_error", "busy", null, message);
            case TIMEOUT -> new OpenAiError(504, "timeout_error", "timeout", null, message);
            case CANCELLED -> new OpenAiError(503, "server_error", "cancelled", null, message);
            case MODEL_UNAVAILABLE -> new OpenAiError(503, "server_error", "model_unavailable", null, message);
            case INTERNAL -> new OpenAiError(500, "server_error", "internal", null, message);
        };
    }

    public ObjectNode body() {
        ObjectNode root = Json.object();
        root.putObject("error").put("message", message).put("type", type).put("param", param).put("code", code);
        return root;
    }

    /** Sends this error as the whole response; a 429 carries {@code Retry-After: retryAfterSeconds}. */
    public void send(Response response, Callback callback, long retryAfterSeconds) {
        if (status == HttpStatus.TOO_MANY_REQUESTS_429) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
        Json.send(response, callback, status, body());
    }
}
