package io.minnow.ota.activation;

import java.util.Arrays;
import java.util.Optional;

/**
 * Watches requests to judge a release in its health window: the agent reports every finished request (failed
 * or not, and its latency); the monitor keeps the old model's recent latencies as the baseline and counts the
 * window's separately from {@link #beginWindow}. Thread-safe.
 */
public final class HealthMonitor {
    private static final int BASELINE = 64;

    private final long[] baseline = new long[BASELINE];
    private int baselineCount;
    private int baselineNext;
    private boolean inWindow;
    private int requests;
    private int failures;
    private long[] windowLatencies = new long[16];
    private int windowCount;

    /**
     * Reports one finished request.
     *
     * @param failed true for an {@code internal} error or a {@code timeout}; client errors are not the model's
     * @param latencyNanos time from arrival to answer, in nanoseconds (only successful requests count)
     */
    public synchronized void record(boolean failed, long latencyNanos) {
        if (inWindow) {
            requests++;
            if (failed) {
                failures++;
            } else {
                if (windowCount == windowLatencies.length) {
                    windowLatencies = Arrays.copyOf(windowLatencies, windowCount * 2);
                }
                windowLatencies[windowCount++] = latencyNanos;
            }
        } else if (!failed) {
            baseline[baselineNext] = latencyNanos;
            baselineNext = (baselineNext + 1) % BASELINE;
            baselineCount = Math.min(BASELINE, baselineCount + 1);
        }
    }

    /** Starts counting a new window; what came before is the baseline. */
    public synchronized void beginWindow() {
        inWindow = true;
        requests = 0;
        failures = 0;
        windowCount = 0;
    }

    /** Ends the window: requests count towards the baseline again. */
    public synchronized void endWindow() {
        inWindow = false;
        baselineCount = 0;
        baselineNext = 0;
    }

    /** Why the window fails so far under {@code policy}; empty while it is healthy. */
    public synchronized Optional<String> failure(HealthPolicy policy) {
        if (requests >= policy.minRequests() && failures > policy.maxErrorRate() * requests) {
            return Optional.of(failures + " of " + requests + " requests failed (internal or timeout) in the health"
                    + " window; at most " + Math.round(policy.maxErrorRate() * 100) + " % may");
        }
        if (windowCount >= policy.minRequests() && baselineCount >= policy.minRequests()) {
            long now = median(windowLatencies, windowCount);
            long before = median(baseline, baselineCount);
            if (before > 0 && now > policy.maxLatencyRatio() * before) {
                return Optional.of(String.format(java.util.Locale.ROOT, "median latency %.0f ms is %.1f times the"
                        + " previous model's %.0f ms; at most %.1f times is allowed", now / 1e6, (double) now / before,
                        before / 1e6, policy.maxLatencyRatio()));
            }
        }
        return Optional.empty();
    }

    /** Requests and failures counted in the current window. */
    public synchronized String summary() {
        return requests + " requests, " + failures + " failed";
    }

    private static long median(long[] values, int count) {
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return sorted[count / 2];
    }
}
