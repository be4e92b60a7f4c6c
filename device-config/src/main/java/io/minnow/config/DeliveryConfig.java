package io.minnow.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How a board downloads offered releases ({@code ota.delivery} in the configuration; docs/ota.md, "Delivery").
 * Immutable.
 *
 * @param rateLimitBytesPerSecond the most bytes per second a download may take, so that it never slows
 *     inference beyond what the admin allows; 0 means unlimited
 * @param giveUpAfterMs how long a download may keep retrying before it fails with {@code download_timeout},
 *     in milliseconds
 * @param retryInitialMs the first pause after a failed attempt, in milliseconds; it doubles up to
 *     {@code retryMaxMs}, with jitter
 * @param retryMaxMs the longest pause between attempts, in milliseconds
 * @param diskMarginBytes free space that must remain on the state directory's file system after the download
 * @param maxRedirects how many HTTP redirects one request may follow
 * @param caFile PEM certificates of the CAs trusted for HTTPS sources (instead of the JDK's); empty uses the JDK's
 * @param requestTimeoutMs how long an HTTP connection may stay silent before the attempt is retried, in ms
 */
public record DeliveryConfig(long rateLimitBytesPerSecond, long giveUpAfterMs, long retryInitialMs, long retryMaxMs,
        long diskMarginBytes, int maxRedirects, Optional<Path> caFile, long requestTimeoutMs) {
    public DeliveryConfig {
        Objects.requireNonNull(caFile, "caFile");
        if (rateLimitBytesPerSecond < 0 || giveUpAfterMs < 1 || retryInitialMs < 1 || retryMaxMs < retryInitialMs
                || diskMarginBytes < 0 || maxRedirects < 0 || requestTimeoutMs < 1) {
            throw new IllegalArgumentException("invalid delivery settings: " + rateLimitBytesPerSecond + ", "
                    + giveUpAfterMs + ", " + retryInitialMs + ", " + retryMaxMs + ", " + diskMarginBytes + ", "
                    + maxRedirects + ", " + requestTimeoutMs);
        }
    }

    /** The defaults: 1 MiB/s, give up after an hour, retries from 1 s to 1 min, 16 MiB margin, 5 redirects. */
    public static DeliveryConfig defaults() {
        return new DeliveryConfig(1L << 20, 3_600_000, 1_000, 60_000, 16L << 20, 5, Optional.empty(), 30_000);
    }

    /** Reads the {@code delivery} mapping of the {@code ota} section. */
    static DeliveryConfig read(Section s) {
        DeliveryConfig d = defaults();
        long rate = s.integer("rate_limit_bytes_per_s", d.rateLimitBytesPerSecond(), 0, 1L << 40);
        long giveUp = s.integer("give_up_after_ms", d.giveUpAfterMs(), 1_000, 30L * 86_400_000);
        long initial = s.integer("retry_initial_ms", d.retryInitialMs(), 1, 3_600_000);
        long max = s.integer("retry_max_ms", Math.max(initial, d.retryMaxMs()), 1, 3_600_000);
        if (max < initial) {
            s.problem("retry_max_ms", max, "at least retry_initial_ms (" + initial + ")");
            max = initial;
        }
        long margin = s.integer("disk_margin_bytes", d.diskMarginBytes(), 0, 1L << 50);
        int redirects = (int) s.integer("max_redirects", d.maxRedirects(), 0, 20);
        Optional<Path> ca = s.readableFile("ca_file");
        long timeout = s.integer("request_timeout_ms", d.requestTimeoutMs(), 100, 3_600_000);
        s.rejectUnknown();
        return new DeliveryConfig(rate, giveUp, initial, max, margin, redirects, ca, timeout);
    }
}
