package io.minnow.agent.web.auth;

import io.minnow.config.WebConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * Who is asking: the page's session cookie, an API bearer token, or nobody. Holds the sessions, the password
 * store and the login throttle for the handlers that use them. Thread-safe.
 */
public final class WebAuth {
    /** The header that carries a session's CSRF token on every state-changing request. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final String SESSION_ATTRIBUTE = WebAuth.class.getName() + ".session";

    private final WebConfig config;
    private final PasswordStore passwords;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final List<byte[]> tokenDigests;

    public WebAuth(WebConfig config, PasswordStore passwords, Sessions sessions, LoginThrottle throttle) {
        this.config = config;
        this.passwords = passwords;
        this.sessions = sessions;
        this.throttle = throttle;
        this.tokenDigests = config.apiTokens().stream().map(WebAuth::sha256).toList();
    }

    public PasswordStore passwords() {
        return passwords;
    }

    public Sessions sessions() {
        return sessions;
    }

    public LoginThrottle throttle() {
        return throttle;
    }

    public boolean isPublic(WebConfig.PublicPage page) {
        return config.publicPages().contains(page);
    }

    public boolean hasApiTokens() {
        return !tokenDigests.isEmpty();
    }

    /** The cookie's name; under TLS with the {@code __Host-} prefix, which browsers only accept secure. */
    public String cookieName() {
        return config.tls().isPresent() ? "__Host-minnow_session" : "minnow_session";
    }

    /** The session cookie to set ({@code maxAgeSeconds} 0 deletes it). */
    public HttpCookie cookie(String value, long maxAgeSeconds) {
        return HttpCookie.build(cookieName(), value).path("/").httpOnly(true).secure(config.tls().isPresent())
                .sameSite(HttpCookie.SameSite.STRICT).maxAge(maxAgeSeconds).build();
    }

    public long cookieMaxAgeSeconds() {
        return config.sessionMaxMinutes() * 60L;
    }

    /** The session cookie's value, if the request carries one. */
    public Optional<String> cookieValue(Request request) {
        for (HttpCookie c : Request.getCookies(request)) {
            if (c.getName().equals(cookieName())) {
                return Optional.of(c.getValue());
            }
        }
        return Optional.empty();
    }

    /** The request's live session, found once per request. */
    public Optional<Sessions.Session> session(Request request) {
        Object cached = request.getAttribute(SESSION_ATTRIBUTE);
        if (cached instanceof Sessions.Session s) {
            return Optional.of(s);
        }
        Optional<Sessions.Session> s = cookieValue(request).flatMap(sessions::find);
        s.ifPresent(v -> request.setAttribute(SESSION_ATTRIBUTE, v));
        return s;
    }

    /**
     * The API client a valid {@code Authorization: Bearer} token names ({@code api-token-N}, N its place in
     * {@code web.api_tokens}); every token is compared, in constant time.
     */
    public Optional<String> bearerClient(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] given = sha256(header.substring(7).strip());
        int match = -1;
        for (int i = 0; i < tokenDigests.size(); i++) {
            if (MessageDigest.isEqual(tokenDigests.get(i), given)) {
                match = i;
            }
        }
        return match < 0 ? Optional.empty() : Optional.of("api-token-" + match);
    }

    /** Where the request came from, for the login throttle and logs. */
    public static String client(Request request) {
        return Request.getRemoteAddr(request);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
