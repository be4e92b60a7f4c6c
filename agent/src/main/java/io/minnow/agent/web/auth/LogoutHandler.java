package io.minnow.agent.web.auth;

import io.minnow.agent.web.http.Json;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code POST /api/logout} (behind the {@link Gate}): ends the session and deletes the cookie. Thread-safe. */
public final class LogoutHandler extends Handler.Abstract {
    private final WebAuth auth;

    public LogoutHandler(WebAuth auth) {
        this.auth = auth;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            Json.error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST");
            return true;
        }
        auth.cookieValue(request).ifPresent(auth.sessions()::remove);
        Response.addCookie(response, auth.cookie("", 0));
        Json.send(response, callback, HttpStatus.OK_200, Json.object().put("logged_out", true));
        return true;
    }
}
