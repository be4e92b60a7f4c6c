package io.minnow.agent.web.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.minnow.agent.web.http.Bodies;
import io.minnow.agent.web.http.Json;
import java.util.concurrent.Semaphore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /api/login} with {@code {"password": "..."}}: starts a session (HttpOnly, SameSite=Strict cookie)
 * and returns its CSRF token. Wrong passwords are counted per client by the {@link LoginThrottle}; a client
 * that must wait is answered 429 with {@code Retry-After} before its password is even checked. At most two
 * password checks run at once (each is a deliberate fraction of a second of CPU). Thread-safe.
 */
public final class LoginHandler extends Handler.Abstract {
    private final WebAuth auth;
    private final int maxBodyBytes;
    private final Semaphore checks = new Semaphore(2);

    public LoginHandler(WebAuth auth, int maxBodyBytes) {
        this.auth = auth;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            Json.error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST");
            return true;
        }
        String problem = SameOrigin.problem(request);
        if (problem != null) {
            Json.error(response, callback, HttpStatus.FORBIDDEN_403, problem);
            return true;
        }
        String client = WebAuth.client(request);
        if (refusedForNow(client, response, callback)) {
            return true;
        }
        Bodies.readObject(request, maxBodyBytes, body -> {
            JsonNode p = body.get("password");
            if (p == null || !p.isTextual()) {
                Json.error(response, callback, HttpStatus.BAD_REQUEST_400, "password is missing; expected a string");
                return;
            }
            if (!checks.tryAcquire()) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                Json.error(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, "too many logins at once; retry");
                return;
            }
            boolean ok;
            try {
                ok = auth.passwords().verify(p.asText().toCharArray());
            } finally {
                checks.release();
            }
            if (!ok) {
                auth.throttle().failed(client);
                Json.error(response, callback, HttpStatus.UNAUTHORIZED_401, "wrong password");
                return;
            }
            auth.throttle().succeeded(client);
            auth.cookieValue(request).ifPresent(auth.sessions()::remove);
            String cookie = auth.sessions().create();
            Response.addCookie(response, auth.cookie(cookie, auth.cookieMaxAgeSeconds()));
            Json.send(response, callback, HttpStatus.OK_200, Json.object()
                    .put("csrf", auth.sessions().find(cookie).orElseThrow().csrf())
                    .put("must_change_password", auth.passwords().mustChange()));
        }, (status, message) -> Json.error(response, callback, status, message));
        return true;
    }

    private boolean refusedForNow(String client, Response response, Callback callback) {
        long wait = auth.throttle().waitSeconds(client);
        if (wait == 0) {
            return false;
        }
        response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(wait));
        Json.error(response, callback, HttpStatus.TOO_MANY_REQUESTS_429, "too many wrong passwords from this"
                + " address; try again in " + wait + " s");
        return true;
    }
}
