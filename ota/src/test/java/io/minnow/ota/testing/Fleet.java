package io.minnow.ota.testing;

import io.minnow.ota.keys.KeyList;
import io.minnow.ota.keys.ReleaseKey;
import io.minnow.ota.release.Ed25519;
import io.minnow.ota.release.Envelope;
import io.minnow.ota.release.ReleaseFile;
import io.minnow.ota.release.ReleaseManifest;
import io.minnow.ota.release.Target;
import io.minnow.ota.verify.ReleaseVerifier;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A fleet admin's keys for tests: a root key, a release key, the key list naming it, and a way to sign real
 * bundles into release files with any field bent out of shape. Not thread-safe.
 */
public final class Fleet {
    /** The committed default models, seen from a module directory. */
    public static final Path PUMP_3 = Path.of("..", "models", "minnow-pump-3.minnow");
    public static final Path PUMP_4 = Path.of("..", "models", "minnow-pump-4.minnow");

    public final KeyPair root = Ed25519.generate();
    public KeyPair releaseKey = Ed25519.generate();
    public final Instant now;
    public KeyList keyList;
    public Envelope keyListEnvelope;

    public Fleet(Instant now) {
        this.now = now;
        keyList = new KeyList(1, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)),
                List.of(ReleaseKey.of(releaseKey.getPublic())), List.of());
        resignKeyList();
    }

    /** Signs the current {@link #keyList} with the root key. */
    public void resignKeyList() {
        keyListEnvelope = Envelope.sign(keyList.toJson(), root.getPrivate(), Ed25519.keyId(root.getPublic()));
    }

    /** A release of {@code bundle} as number {@code release}; bend it with the builder. */
    public Release release(Path bundle, long release) {
        return new Release(bundle, release);
    }

    /** A release under construction. */
    public final class Release {
        private final Path bundle;
        private final long number;
        public OptionalLong rollbackFrom = OptionalLong.empty();
        public Target target = Target.ALL;
        public Instant expires;
        public String minAgent = "0.1.0";
        public KeyPair signer = releaseKey;
        public Optional<Envelope> keys = Optional.of(keyListEnvelope);

        Release(Path bundle, long number) {
            this.bundle = bundle;
            this.number = number;
            this.expires = now.plus(Duration.ofDays(30));
        }

        public ReleaseFile file() throws Exception {
            ModelManifest m = ModelBundle.open(bundle).manifest();
            ReleaseManifest manifest = new ReleaseManifest(m.name(), m.version(), number, rollbackFrom,
                    ReleaseVerifier.sha256(bundle), Files.size(bundle), minAgent, target, now.minusSeconds(60), expires,
                    Ed25519.keyId(signer.getPublic()));
            return ReleaseFile.sign(manifest, signer.getPrivate(), keys);
        }

        /** Writes the release file to {@code file}. */
        public Path write(Path file) throws Exception {
            Files.write(file, file().toBytes());
            return file;
        }
    }

    /** Copies {@code bundle} to {@code dir/name}. */
    public static Path copy(Path bundle, Path dir, String name) throws IOException {
        return Files.copy(bundle, dir.resolve(name));
    }
}
