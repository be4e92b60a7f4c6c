package io.minnow.ota.delivery;

import java.util.random.RandomGenerator;

/**
 * Pauses between failed download attempts: doubling from the first pause up to the longest, each drawn at
 * random from the upper half of its range (jitter), so that a fleet whose server came back does not return
 * all at the same instant. Not thread-safe: one per download.
 */
public final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private final RandomGenerator random;
    private long next;

    public Backoff(long initialMs, long maxMs, RandomGenerator random) {
        if (initialMs < 1 || maxMs < initialMs) {
            throw new IllegalArgumentException("backoff needs 1 <= initial <= max, not " + initialMs + ", " + maxMs);
        }
        this.initialMs = initialMs;
        this.maxMs = maxMs;
        this.random = random;
        this.next = initialMs;
    }

    /** The next pause in milliseconds, from half to all of the current step; the step then doubles. */
    public long nextMs() {
        long step = next;
        next = Math.min(maxMs, next * 2);
        return step / 2 + random.nextLong(step - step / 2 + 1);
    }

    /** After progress: the next failure waits the first pause again. */
    public void reset() {
        next = initialMs;
    }
}
