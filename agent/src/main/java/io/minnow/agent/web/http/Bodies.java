package io.minnow.agent.web.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body as one JSON object without blocking a Jetty thread, refusing bodies over a limit
 * (413) and anything that is not a JSON object (400). Stateless.
 */
public final class Bodies {
    private Bodies() {}

    /** Receives the parsed body; runs on a Jetty thread and must not block. */
    @FunctionalInterface
    public interface ObjectHandler {
        void accept(ObjectNode body) throws Exception;
    }

    /** Receives a refusal: the HTTP status and a sentence saying what was wrong. */
    @FunctionalInterface
    public interface Refusal {
        void send(int status, String message);
    }

    public static void readObject(Request request, int maxBytes, ObjectHandler ok, Refusal refuse) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            // Also a CSRF guard: a cross-site HTML form cannot send application/json without a CORS preflight.
            refuse.send(HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "Content-Type is " + (type == null ? "missing" : type)
                    + "; expected application/json");
            return;
        }
        long declared = request.getLength();
        if (declared > maxBytes) {
            refuse.send(HttpStatus.PAYLOAD_TOO_LARGE_413, "the request body is " + declared + " bytes; the limit is "
                    + maxBytes + " bytes (web.max_body_bytes)");
            return;
        }
        Content.Source.asByteArrayAsync(request, maxBytes).whenComplete((bytes, failure) -> {
            if (failure != null) {
                int status = failure instanceof HttpException h ? h.getCode()
                        : failure.getCause() instanceof HttpException h2 ? h2.getCode() : HttpStatus.PAYLOAD_TOO_LARGE_413;
                refuse.send(status, status == HttpStatus.PAYLOAD_TOO_LARGE_413 ? "the request body is over the limit of "
                        + maxBytes + " bytes (web.max_body_bytes)" : "the request body could not be read");
                return;
            }
            JsonNode root;
            try {
                root = Json.MAPPER.readTree(bytes);
            } catch (JacksonException e) {
                refuse.send(HttpStatus.BAD_REQUEST_400, "the body is not valid JSON: " + e.getOriginalMessage());
                return;
            } catch (java.io.IOException e) {
                refuse.send(HttpStatus.BAD_REQUEST_400, "the body could not be read: " + e.getMessage());
                return;
            }
            if (root == null || !root.isObject()) {
                refuse.send(HttpStatus.BAD_REQUEST_400, "the body is " + (root == null ? "empty" : "a JSON "
                        + root.getNodeType().name().toLowerCase(Locale.ROOT)) + "; expected a JSON object");
                return;
            }
            try {
                ok.accept((ObjectNode) root);
            } catch (Exception e) {
                refuse.send(HttpStatus.INTERNAL_SERVER_ERROR_500, "the request failed: " + e);
            }
        });
    }
}
