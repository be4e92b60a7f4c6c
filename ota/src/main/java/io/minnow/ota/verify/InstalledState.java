package io.minnow.ota.verify;

import io.minnow.ota.release.Envelope;
import java.util.Objects;
import java.util.Optional;

/**
 * What a board has installed, as far as verification cares. Immutable.
 *
 * @param activeRelease the active release's number; 0 for the first install from the jar or model.path
 * @param highestRelease the highest release number ever activated; a release at or below it is a replay
 * @param keyList the newest key list the board has accepted, if any
 */
public record InstalledState(long activeRelease, long highestRelease, Optional<Envelope> keyList) {
    /** A board that never took an update. */
    public static final InstalledState FRESH = new InstalledState(0, 0, Optional.empty());

    public InstalledState {
        Objects.requireNonNull(keyList, "keyList");
        if (activeRelease < 0 || highestRelease < activeRelease) {
            throw new IllegalArgumentException("active release " + activeRelease + " and highest "
                    + highestRelease + " are inconsistent");
        }
    }
}
