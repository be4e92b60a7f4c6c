package io.minnow.agent.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.minnow.agent.web.http.Bodies;
import io.minnow.agent.web.http.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /api/password} with {@code {"current": ..., "new": ...}} (behind the {@link Gate}): checks the
 * current password (a wrong one counts for the throttle like a failed login), sets the new one and ends every
 * other session. Thread-safe.
 */
public final class PasswordChangeHandler extends Handler.Abstract {
    private final WebAuth auth;
    private final int maxBodyBytes;

    public PasswordChangeHandler(WebAuth auth, int maxBodyBytes) {
        this.auth = auth;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            Json.error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST");
            return true;
        }
        String client = WebAuth.client(request);
        long wait = auth.throttle().waitSeconds(client);
        if (wait > 0) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(wait));
            Json.error(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, "too many wrong passwords; try again in "
                    + wait + " s");
            return true;
        }
        Bodies.readObject(request, maxBodyBytes, body -> {
            JsonNode current = body.get("current");
            JsonNode next = body.get("new");
            if (current == null || !current.isTextual() || next == null || !next.isTextual()) {
                Json.error(response, callback, HttpStatus.BAD_REQUEST_400, "expected {\"current\": text, \"new\": text}");
                return;
            }
            if (auth.passwords().fixed()) {
                Json.error(response, callback, HttpStatus.CONFLICT_409, "the password is set by web.password_hash in"
                        + " the configuration; change it there");
                return;
            }
            if (!auth.passwords().verify(current.asText().toCharArray())) {
                auth.throttle().failed(client);
                Json.error(response, callback, HttpStatus.FORBIDDEN_403, "the current password is wrong");
                return;
            }
            try {
                auth.passwords().change(next.asText().toCharArray());
            } catch (IllegalArgumentException e) {
                Json.error(response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
                return;
            }
            auth.throttle().succeeded(client);
            auth.sessions().removeAllBut(auth.cookieValue(request).orElse(""));
            Json.send(response, callback, HttpStatus.OK_200, Json.object().put("changed", true));
        }, (status, message) -> Json.error(response, callback, status, message));
        return true;
    }
}
