package io.minnow.ota.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One release kept in the store: its directory under {@code releases/} holds {@code bundle.minnow} and, for a
 * signed release, {@code release.json}. Immutable.
 *
 * @param dir the directory's name under {@code releases/}, unique per install attempt
 * @param release the release number; 0 for the first install (from the jar or model.path), which is unsigned
 * @param model the model name from model.json
 * @param version the model version from model.json
 * @param installed when it was stored
 */
public record StoredRelease(String dir, long release, String model, String version, Instant installed) {
    public StoredRelease {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(installed, "installed");
        if (!dir.matches("[A-Za-z0-9_.-]+") || dir.startsWith(".")) {
            throw new IllegalArgumentException("release directory name " + dir + " is not a plain name");
        }
    }

    /** {@code minnow-pump 4.0.0 (release 4)}. */
    public String describe() {
        return model + " " + version + " (release " + release + ")";
    }
}
