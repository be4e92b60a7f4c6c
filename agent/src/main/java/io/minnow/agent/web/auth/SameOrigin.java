package io.minnow.agent.web.auth;

import java.net.URI;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Refuses state-changing requests that a browser sent from another site: {@code Sec-Fetch-Site} must not be
 * {@code cross-site}/{@code same-site}, and an {@code Origin} must name this very host and port. A defence in
 * depth beside the CSRF token and SameSite=Strict cookies (and the only one for the login form). Stateless.
 */
final class SameOrigin {
    private SameOrigin() {}

    /** Why the request is refused, or null if it may go on. */
    static String problem(Request request) {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return "the request came from another site (Sec-Fetch-Site: " + site + ")";
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin == null) {
            return null;
        }
        String host = request.getHeaders().get(HttpHeader.HOST);
        try {
            URI o = new URI(origin);
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            if (host != null && o.getHost() != null && stripDefaultPort(host).equalsIgnoreCase(
                    stripDefaultPort(authority)) && o.getScheme().toLowerCase(Locale.ROOT).equals(
                    request.isSecure() ? "https" : "http")) {
                return null;
            }
        } catch (java.net.URISyntaxException | NullPointerException e) {
            return "the Origin header is not a URL";
        }
        return "the request came from another origin (" + origin + ")";
    }

    private static String stripDefaultPort(String authority) {
        return authority.endsWith(":80") || authority.endsWith(":443")
                ? authority.substring(0, authority.lastIndexOf(':')) : authority;
    }
}
