package io.minnow.ota.delivery;

import java.util.function.LongSupplier;

/**
 * Keeps a download at or below a number of bytes per second, so it never takes more of the board's disk, CPU
 * and network than the configuration allows (ota.delivery.rate_limit_bytes_per_s). A token bucket holding at
 * most a quarter second of bytes: after an idle spell a download may burst that much, never more.
 * Thread-safe: downloads that share one limiter share its rate.
 */
public final class RateLimiter {
    /** Sleeps, so tests can observe the pauses without waiting for them. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private final long burst;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private double tokens;
    private long last;

    /** @param bytesPerSecond the rate, 0 for unlimited */
    public RateLimiter(long bytesPerSecond, LongSupplier nanoClock, Sleeper sleeper) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytes per second must not be negative, not " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.burst = Math.max(1, bytesPerSecond / 4);
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.last = nanoClock.getAsLong();
        this.tokens = burst;
    }

    /** A limiter on the system clock that really sleeps. */
    public static RateLimiter of(long bytesPerSecond) {
        return new RateLimiter(bytesPerSecond, System::nanoTime, n -> Thread.sleep(n / 1_000_000, (int) (n % 1_000_000)));
    }

    /**
     * Takes {@code bytes} from the budget, pausing as long as the rate requires first.
     *
     * @return the pause in nanoseconds (0 when within budget or unlimited)
     */
    public long acquire(int bytes) throws InterruptedException {
        if (bytesPerSecond == 0 || bytes <= 0) {
            return 0;
        }
        long pause;
        synchronized (this) {
            long now = nanoClock.getAsLong();
            tokens = Math.min(burst, tokens + (now - last) * (double) bytesPerSecond / NANOS_PER_SECOND);
            last = now;
            tokens -= bytes;
            // a debt is paid by waiting until the bucket refills to zero; the next caller sees the debt too
            pause = tokens >= 0 ? 0 : (long) Math.ceil(-tokens * NANOS_PER_SECOND / bytesPerSecond);
        }
        if (pause > 0) {
            sleeper.sleepNanos(pause);
        }
        return pause;
    }
}
