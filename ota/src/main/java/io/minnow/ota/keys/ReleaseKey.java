package io.minnow.ota.keys;

import io.minnow.ota.release.Ed25519;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A release key as the key list names it: its id and public key. Immutable.
 *
 * @param id {@link Ed25519#keyId} of {@code publicKey}
 */
public record ReleaseKey(String id, PublicKey publicKey) {
    public ReleaseKey {
        Objects.requireNonNull(publicKey, "publicKey");
        if (!Ed25519.keyId(publicKey).equals(id)) {
            throw new IllegalArgumentException("key id " + id + " does not belong to this public key (its id is "
                    + Ed25519.keyId(publicKey) + ")");
        }
    }

    public static ReleaseKey of(PublicKey key) {
        return new ReleaseKey(Ed25519.keyId(key), key);
    }
}
