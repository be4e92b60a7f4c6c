package io.minnow.agent.mqtt;

import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from {@code initialMs} up to {@code maxMs}, each drawn at random from the
 * upper half of its step so a fleet that lost its broker together does not return in lockstep.
 *
 * @param random uniform numbers in [0, 1); injectable so tests are exact
 */
public record Backoff(long initialMs, long maxMs, DoubleSupplier random) {
    public Backoff {
        if (initialMs < 1 || maxMs < initialMs) {
            throw new IllegalArgumentException("need 1 <= initialMs <= maxMs; got " + initialMs + ", " + maxMs);
        }
    }

    /** Delay before attempt {@code attempt} (0 for the first retry), in milliseconds. */
    public long delayMs(int attempt) {
        long step = initialMs << Math.min(attempt, 30);
        long cap = step <= 0 || step > maxMs ? maxMs : step;
        return cap / 2 + (long) (random.getAsDouble() * (cap - cap / 2));
    }
}
