package io.minnow.agent.web;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Puts the security headers on every response: a Content-Security-Policy that allows only this origin's own
 * script and style files (no inline script), no framing (CSP frame-ancestors and X-Frame-Options), nosniff,
 * no referrer, {@code Cache-Control: no-store} except on the static files, and HSTS under TLS. Thread-safe.
 */
final class SecurityHeaders extends Handler.Wrapper {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private final boolean tls;

    SecurityHeaders(boolean tls, Handler next) {
        super(next);
        this.tls = tls;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        HttpFields.Mutable h = response.getHeaders();
        h.put("Content-Security-Policy", CSP);
        h.put("X-Frame-Options", "DENY");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        h.put("Cross-Origin-Resource-Policy", "same-origin");
        h.put("Cache-Control", request.getHttpURI().getDecodedPath().startsWith("/static/") ? "no-cache" : "no-store");
        if (tls) {
            h.put("Strict-Transport-Security", "max-age=31536000");
        }
        return super.handle(request, response, callback);
    }
}
