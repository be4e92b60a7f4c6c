package io.minnow.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Model updates: where the model store lives, which root key releases must chain up to, how many releases
 * stay on disk, and when a new release counts as healthy (docs/ota.md). Immutable.
 *
 * @param stateDir the model store's directory; default {@code ~/.minnow} (the packaged agent sets
 *     {@code /var/lib/minnow})
 * @param rootKeyFile the fleet's root public key (minnow-admin's {@code root.pub}); empty refuses every
 *     release with {@code no_trust_root}
 * @param releasesKept releases kept on disk, 2 to 20 (active and previous at least)
 * @param healthWindowMs how long after a switch requests are watched before the release is confirmed, in
 *     milliseconds; 0 confirms at once
 * @param healthMinRequests requests needed before the error rate and latency are judged
 * @param healthMaxErrorRate the share of requests (0 to 1) that may fail with internal or timeout
 * @param healthMaxLatencyRatio how many times the old model's median latency the new one may take
 * @param delivery how offered releases are downloaded ({@code ota.delivery})
 */
public record OtaConfig(Path stateDir, Optional<Path> rootKeyFile, int releasesKept, long healthWindowMs,
        int healthMinRequests, double healthMaxErrorRate, double healthMaxLatencyRatio, DeliveryConfig delivery) {
    public OtaConfig {
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(rootKeyFile, "rootKeyFile");
        Objects.requireNonNull(delivery, "delivery");
    }

    /** The settings with the default delivery settings. */
    public OtaConfig(Path stateDir, Optional<Path> rootKeyFile, int releasesKept, long healthWindowMs,
            int healthMinRequests, double healthMaxErrorRate, double healthMaxLatencyRatio) {
        this(stateDir, rootKeyFile, releasesKept, healthWindowMs, healthMinRequests, healthMaxErrorRate,
                healthMaxLatencyRatio, DeliveryConfig.defaults());
    }

    /** The quickstart's state directory: {@code .minnow} in the user's home. */
    public static Path defaultStateDir() {
        return Path.of(System.getProperty("user.home"), ".minnow");
    }

    /** Reads the {@code ota} section; bad values become problems of the section. */
    static OtaConfig read(Section s) {
        Path stateDir = s.optionalString("state_dir").map(Path::of).orElse(defaultStateDir());
        if (java.nio.file.Files.isRegularFile(stateDir)) {
            s.problem("state_dir", "\"" + stateDir + "\"", "a directory (it is a file)");
        }
        Optional<Path> root = s.readableFile("root_key_file");
        int kept = (int) s.integer("releases_kept", 3, 2, 20);
        Section h = s.section("health");
        long window = h.integer("window_ms", 60_000, 0, 86_400_000);
        int min = (int) h.integer("min_requests", 5, 1, 1_000_000);
        double rate = decimal(h, "max_error_rate", 0.25, 0, 1);
        double ratio = decimal(h, "max_latency_ratio", 3.0, 1, 1000);
        h.rejectUnknown();
        DeliveryConfig delivery = DeliveryConfig.read(s.section("delivery"));
        s.rejectUnknown();
        return new OtaConfig(stateDir, root, kept, window, min, rate, ratio, delivery);
    }

    private static double decimal(Section s, String name, double fallback, double min, double max) {
        Optional<String> v = s.optionalString(name);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.get());
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        s.problem(name, v.get(), "a number from " + min + " to " + max);
        return fallback;
    }
}
