package io.minnow.agent.web;

import io.minnow.agent.web.api.OpenAiError;
import io.minnow.agent.web.http.Json;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty itself raises (a body over the limit, headers too large, a malformed request) answered as
 * JSON like every other error: the OpenAI shape under {@code /v1/}, {@code {"error": ...}} elsewhere, never
 * Jetty's HTML page. Thread-safe.
 */
final class JsonErrorHandler implements Request.Handler {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ErrorHandler.ERROR_STATUS) instanceof Integer i ? i : response.getStatus();
        String message = status == HttpStatus.PAYLOAD_TOO_LARGE_413
                ? "the request body is over the limit (web.max_body_bytes)"
                : request.getAttribute(ErrorHandler.ERROR_MESSAGE) instanceof String m ? m
                : HttpStatus.getMessage(status);
        response.getHeaders().put("Cache-Control", "no-store");
        if (request.getHttpURI().getDecodedPath() != null && request.getHttpURI().getDecodedPath().startsWith("/v1/")) {
            new OpenAiError(status, "invalid_request_error", status == HttpStatus.PAYLOAD_TOO_LARGE_413
                    ? "request_too_large" : "http_" + status, null, message).send(response, callback, 1);
        } else {
            Json.error(response, callback, status, message);
        }
        return true;
    }
}
