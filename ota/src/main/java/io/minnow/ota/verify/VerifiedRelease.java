package io.minnow.ota.verify;

import io.minnow.ota.keys.KeyList;
import io.minnow.ota.release.Envelope;
import io.minnow.ota.release.ReleaseFile;
import io.minnow.ota.release.ReleaseManifest;
import io.minnow.runtime.bundle.ModelManifest;
import java.util.Optional;

/**
 * A release that passed every check of {@link ReleaseVerifier}. Immutable.
 *
 * @param keyListUsed the key list whose key signed the release
 * @param newKeyList the release's key list when it is newer than the board's and should be stored
 * @param model the bundle's model.json
 */
public record VerifiedRelease(ReleaseFile file, KeyList keyListUsed, Optional<Envelope> newKeyList,
        ModelManifest model) {
    public ReleaseManifest manifest() {
        return file.manifest();
    }
}
