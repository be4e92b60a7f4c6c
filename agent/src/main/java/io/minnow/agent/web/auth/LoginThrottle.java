package io.minnow.agent.web.auth;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down and then locks out a client that keeps giving wrong passwords: the first {@value #FREE_FAILURES}
 * failures cost nothing, each further one doubles a wait (1 s, 2 s, 4 s ...) before the next try is heard,
 * and at {@value #LOCK_FAILURES} the client is locked out for {@value #LOCK_MINUTES} minutes. A lock always
 * ends (the technician can always get back in by waiting, or by restarting the agent); a correct password
 * clears the count. Tracks at most {@value #MAX_CLIENTS} clients, forgetting the quietest first.
 * Thread-safe.
 */
public final class LoginThrottle {
    static final int FREE_FAILURES = 3;
    static final int LOCK_FAILURES = 10;
    static final long LOCK_MINUTES = 15;
    private static final int MAX_CLIENTS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(LoginThrottle.class);

    private static final class Record {
        int failures;
        long notBeforeNanos;
    }

    private final LongSupplier clock;
    private final LinkedHashMap<String, Record> clients = new LinkedHashMap<>(16, 0.75f, true);

    /** @param clock {@link System#nanoTime()} in production */
    public LoginThrottle(LongSupplier clock) {
        this.clock = clock;
    }

    /** Seconds {@code client} must wait before its next try is heard; 0 if it may try now. */
    public synchronized long waitSeconds(String client) {
        Record r = clients.get(client);
        if (r == null) {
            return 0;
        }
        long left = r.notBeforeNanos - clock.getAsLong();
        if (left <= 0) {
            if (r.failures >= LOCK_FAILURES) {
                clients.remove(client); // the lock-out is over: a fresh start, not a permanent state
            }
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(left + 999_999_999L));
    }

    /** Records a wrong password. */
    public synchronized void failed(String client) {
        Record r = clients.computeIfAbsent(client, c -> new Record());
        r.failures++;
        long now = clock.getAsLong();
        if (r.failures >= LOCK_FAILURES) {
            r.notBeforeNanos = now + TimeUnit.MINUTES.toNanos(LOCK_MINUTES);
            LOG.warn("web login: {} wrong passwords from {}; locked out for {} minutes", r.failures, client, LOCK_MINUTES);
        } else if (r.failures > FREE_FAILURES) {
            long delay = 1L << (r.failures - FREE_FAILURES - 1);
            r.notBeforeNanos = now + TimeUnit.SECONDS.toNanos(delay);
            LOG.info("web login: {} wrong passwords from {}; next try heard in {} s", r.failures, client, delay);
        } else {
            LOG.info("web login: wrong password from {}", client);
        }
        if (clients.size() > MAX_CLIENTS) {
            Iterator<Map.Entry<String, Record>> eldest = clients.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    public synchronized void succeeded(String client) {
        clients.remove(client);
    }
}
