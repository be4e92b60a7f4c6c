package io.minnow.agent.web.auth;

import io.minnow.agent.web.http.Json;
import io.minnow.config.WebConfig;
import java.util.Optional;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets a request through to the page's private handlers only with a live session, and a state-changing one
 * only with that session's CSRF token from this same origin. A page marked public in {@code web.public} may
 * be read (never changed) without logging in; health and metrics may also be read with an API token (for
 * scrapers). While the one-time password is unchanged, only the password change and logout are open.
 * Thread-safe.
 */
public final class Gate extends Handler.Wrapper {
    private final WebAuth auth;
    private final Optional<WebConfig.PublicPage> publicPage;
    private final boolean bearerMayRead;
    private final boolean openBeforePasswordChange;

    /**
     * @param publicPage what {@code web.public} must name for anonymous reads; empty if never public
     * @param bearerMayRead whether an API token may read (health, metrics)
     * @param openBeforePasswordChange whether this is reachable before the one-time password was changed
     */
    public Gate(WebAuth auth, Optional<WebConfig.PublicPage> publicPage, boolean bearerMayRead,
            boolean openBeforePasswordChange, Handler next) {
        super(next);
        this.auth = auth;
        this.publicPage = publicPage;
        this.bearerMayRead = bearerMayRead;
        this.openBeforePasswordChange = openBeforePasswordChange;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        boolean read = HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
        if (read && publicPage.isPresent() && auth.isPublic(publicPage.get())) {
            return super.handle(request, response, callback);
        }
        if (read && bearerMayRead && auth.bearerClient(request).isPresent()) {
            return super.handle(request, response, callback);
        }
        Optional<Sessions.Session> session = auth.session(request);
        if (session.isEmpty()) {
            Json.error(response, callback, HttpStatus.UNAUTHORIZED_401, "log in first");
            return true;
        }
        if (!read) {
            String problem = SameOrigin.problem(request);
            if (problem == null && !session.get().csrfMatches(request.getHeaders().get(WebAuth.CSRF_HEADER))) {
                problem = "the " + WebAuth.CSRF_HEADER + " header is missing or wrong; reload the page";
            }
            if (problem != null) {
                Json.error(response, callback, HttpStatus.FORBIDDEN_403, problem);
                return true;
            }
        }
        if (!openBeforePasswordChange && auth.passwords().mustChange()) {
            Json.error(response, callback, HttpStatus.FORBIDDEN_403, "change the one-time password first");
            return true;
        }
        return super.handle(request, response, callback);
    }
}
