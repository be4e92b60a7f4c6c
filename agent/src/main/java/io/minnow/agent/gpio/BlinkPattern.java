package io.minnow.agent.gpio;

import java.util.Arrays;

/**
 * A repeating on/off sequence for the status LED, in milliseconds: {@code on, off, on, off, ...}. Immutable.
 * The patterns differ in rhythm, not only speed, so a technician tells them apart without a reference:
 * see docs/gpio.md.
 */
public final class BlinkPattern {
    private final long[] stepsMs;
    private final long periodMs;

    private BlinkPattern(long... stepsMs) {
        if (stepsMs.length == 0 || stepsMs.length % 2 != 0 || Arrays.stream(stepsMs).anyMatch(s -> s <= 0)) {
            throw new IllegalArgumentException("expected on/off pairs of positive durations: "
                    + Arrays.toString(stepsMs));
        }
        this.stepsMs = stepsMs.clone();
        this.periodMs = Arrays.stream(stepsMs).sum();
    }

    /** The pattern for {@code state}. */
    public static BlinkPattern of(AgentState state) {
        return switch (state) {
            case IDLE -> new BlinkPattern(100, 2_900); // a short blink every 3 s: alive, nothing to do
            case BUSY -> new BlinkPattern(100, 100); // fast flicker while requests run
            case UPDATING -> new BlinkPattern(700, 300); // mostly on, steady rhythm: do not unplug
            case ERROR -> new BlinkPattern(150, 150, 150, 150, 150, 1_250); // three quick blinks, pause
            case OFFLINE -> new BlinkPattern(1_000, 1_000); // slow, even blink: broker unreachable
        };
    }

    /** Whether the LED is lit {@code elapsedMs} after the pattern started. */
    public boolean litAt(long elapsedMs) {
        long t = Math.floorMod(elapsedMs, periodMs);
        for (int i = 0; i < stepsMs.length; i++) {
            if (t < stepsMs[i]) {
                return i % 2 == 0;
            }
            t -= stepsMs[i];
        }
        throw new AssertionError("unreachable: t is below the period");
    }

    /** One full cycle, in milliseconds. */
    public long periodMs() {
        return periodMs;
    }
}
