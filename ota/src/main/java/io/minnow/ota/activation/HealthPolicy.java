package io.minnow.ota.activation;

/**
 * When a newly activated release counts as healthy (the {@code ota.health} settings). Immutable.
 *
 * @param windowMs how long after the switch requests are watched, in milliseconds; the release is confirmed
 *     when it passes
 * @param minRequests requests needed before rates are judged; with fewer the window passes on the self-test
 * @param maxErrorRate the highest share (0 to 1) of requests that may fail with {@code internal} or
 *     {@code timeout}
 * @param maxLatencyRatio how many times slower than the old model the new one may be, median against median
 */
public record HealthPolicy(long windowMs, int minRequests, double maxErrorRate, double maxLatencyRatio) {
    /** One minute; 5 requests; a quarter failing; three times slower. */
    public static final HealthPolicy DEFAULT = new HealthPolicy(60_000, 5, 0.25, 3.0);

    public HealthPolicy {
        if (windowMs < 0 || minRequests < 1 || maxErrorRate < 0 || maxErrorRate > 1 || maxLatencyRatio < 1) {
            throw new IllegalArgumentException("invalid health policy: window " + windowMs + " ms, min requests "
                    + minRequests + ", max error rate " + maxErrorRate + ", max latency ratio " + maxLatencyRatio);
        }
    }
}
