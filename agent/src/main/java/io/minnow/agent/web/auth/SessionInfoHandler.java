package io.minnow.agent.web.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.agent.web.http.Json;
import io.minnow.config.WebConfig;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/session}: whether this browser is logged in (and then its CSRF token), whether the
 * one-time password must be changed, and which pages are public. Open to everyone; tells nothing secret to
 * someone without a session. Thread-safe.
 */
public final class SessionInfoHandler extends Handler.Abstract {
    private final WebAuth auth;

    public SessionInfoHandler(WebAuth auth) {
        this.auth = auth;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Optional<Sessions.Session> session = auth.session(request);
        ObjectNode body = Json.object().put("authenticated", session.isPresent());
        session.ifPresent(s -> body.put("csrf", s.csrf())
                .put("must_change_password", auth.passwords().mustChange())
                .put("password_fixed", auth.passwords().fixed()));
        var pages = body.putArray("public");
        for (WebConfig.PublicPage p : WebConfig.PublicPage.values()) {
            if (auth.isPublic(p)) {
                pages.add(p.name().toLowerCase(Locale.ROOT));
            }
        }
        Json.send(response, callback, HttpStatus.OK_200, body);
        return true;
    }
}
