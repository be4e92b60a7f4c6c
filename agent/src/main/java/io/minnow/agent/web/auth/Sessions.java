package io.minnow.agent.web.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Logged-in sessions of the page: a random cookie value per login, an idle and an absolute expiry, and a CSRF
 * token per session. Only a SHA-256 of each cookie value is kept, so neither a heap dump nor the map's timing
 * gives a usable cookie away. Bounded: the oldest session goes when a new one would pass the limit.
 * Thread-safe.
 */
public final class Sessions {
    private static final int MAX_SESSIONS = 64;

    /** One login. {@code csrf} must accompany every state-changing request of this session. */
    public static final class Session {
        private final String csrf;
        private final long createdNanos;
        private volatile long lastSeenNanos;

        Session(String csrf, long now) {
            this.csrf = csrf;
            this.createdNanos = now;
            this.lastSeenNanos = now;
        }

        public String csrf() {
            return csrf;
        }

        /** True if {@code token} is this session's CSRF token; constant time. */
        public boolean csrfMatches(String token) {
            return token != null && MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                    token.getBytes(StandardCharsets.UTF_8));
        }
    }

    private final long idleNanos;
    private final long maxNanos;
    private final LongSupplier clock;
    private final SecureRandom random;
    private final LinkedHashMap<String, Session> byDigest = new LinkedHashMap<>();

    /** @param clock {@link System#nanoTime()} in production */
    public Sessions(long idleMinutes, long maxMinutes, LongSupplier clock, SecureRandom random) {
        this.idleNanos = TimeUnit.MINUTES.toNanos(idleMinutes);
        this.maxNanos = TimeUnit.MINUTES.toNanos(maxMinutes);
        this.clock = clock;
        this.random = random;
    }

    /** Starts a session; returns the cookie value. */
    public synchronized String create() {
        String cookie = randomToken();
        byDigest.put(digest(cookie), new Session(randomToken(), clock.getAsLong()));
        if (byDigest.size() > MAX_SESSIONS) {
            Iterator<String> oldest = byDigest.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return cookie;
    }

    /** The live session for {@code cookie}, marked as used now; an expired one is removed. */
    public synchronized Optional<Session> find(String cookie) {
        if (cookie == null || cookie.isEmpty() || cookie.length() > 128) {
            return Optional.empty();
        }
        String key = digest(cookie);
        Session s = byDigest.get(key);
        if (s == null) {
            return Optional.empty();
        }
        long now = clock.getAsLong();
        if (now - s.lastSeenNanos > idleNanos || now - s.createdNanos > maxNanos) {
            byDigest.remove(key);
            return Optional.empty();
        }
        s.lastSeenNanos = now;
        return Optional.of(s);
    }

    public synchronized void remove(String cookie) {
        if (cookie != null) {
            byDigest.remove(digest(cookie));
        }
    }

    /** Ends every session but the one given (after a password change). */
    public synchronized void removeAllBut(String cookie) {
        String keep = digest(cookie);
        byDigest.entrySet().removeIf(e -> !e.getKey().equals(keep));
    }

    public synchronized int size() {
        return byDigest.size();
    }

    String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String digest(String value) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }
}
