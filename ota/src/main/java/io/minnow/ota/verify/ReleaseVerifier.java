package io.minnow.ota.verify;

import io.minnow.ota.keys.KeyList;
import io.minnow.ota.keys.ReleaseKey;
import io.minnow.ota.release.AgentVersion;
import io.minnow.ota.release.Envelope;
import io.minnow.ota.release.ReleaseFile;
import io.minnow.ota.release.ReleaseFormatException;
import io.minnow.ota.release.ReleaseManifest;
import io.minnow.runtime.bundle.BundleException;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Every check a release passes before anything on the board changes, in this order, each failing with its
 * own {@link ReasonCode}: the release file's form; the key list (signed by the root key, the newer of the
 * board's and the release's); the manifest's key (listed, not revoked) and signature; key list expiry;
 * manifest expiry; target; release number (anti-downgrade and replay, unless a signed rollback of the active
 * release); bundle size and SHA-256; minimum agent version; the zip's safety ({@link ArchiveCheck}); the
 * bundle opened by the runtime ({@link ModelBundle#open}); the bundle's model name and version against the
 * manifest's. The board and minnow-admin's offline {@code verify} run this same class.
 *
 * <p>Reads only; changes nothing. Thread-safe.
 */
public final class ReleaseVerifier {
    private final Optional<PublicKey> root;
    private final BoardIdentity board;
    private final ArchiveLimits limits;
    private final Clock clock;

    /**
     * @param root the trusted root key; empty refuses every release with {@link ReasonCode#NO_TRUST_ROOT}
     */
    public ReleaseVerifier(Optional<PublicKey> root, BoardIdentity board, ArchiveLimits limits, Clock clock) {
        this.root = Objects.requireNonNull(root, "root");
        this.board = Objects.requireNonNull(board, "board");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads {@code releaseFile} and verifies it with {@code bundle}. */
    public VerifiedRelease verify(Path bundle, Path releaseFile, InstalledState installed) throws UpdateRejected {
        ReleaseFile file;
        try {
            file = ReleaseFile.read(releaseFile);
        } catch (ReleaseFormatException e) {
            throw new UpdateRejected(ReasonCode.MALFORMED_RELEASE, "the release file " + e.getMessage());
        } catch (IOException e) {
            throw new UpdateRejected(ReasonCode.MALFORMED_RELEASE, "the release file cannot be read: " + e.getMessage(), e);
        }
        return verify(bundle, file, installed);
    }

    /**
     * Verifies a parsed release file with its bundle.
     *
     * @throws UpdateRejected at the first failed check
     */
    public VerifiedRelease verify(Path bundle, ReleaseFile file, InstalledState installed) throws UpdateRejected {
        Instant now = clock.instant();
        ReleaseManifest m = file.manifest();
        PublicKey rootKey = root.orElseThrow(() -> new UpdateRejected(ReasonCode.NO_TRUST_ROOT,
                "this board trusts no root key, so it accepts no release"));
        KeyList stored = installed.keyList().isPresent() ? keyList(installed.keyList().get(), rootKey, "stored") : null;
        KeyList offered = file.keyList().isPresent() ? keyList(file.keyList().get(), rootKey, "release's") : null;
        boolean adopt = offered != null && (stored == null || offered.version() > stored.version());
        KeyList keys = adopt ? offered : stored;
        if (keys == null) {
            throw new UpdateRejected(ReasonCode.UNKNOWN_KEY, "the board has no key list yet and the release"
                    + " carries none, so key " + m.keyId() + " is unknown");
        }
        if (keys.isRevoked(m.keyId()) || (stored != null && stored.isRevoked(m.keyId()))) {
            throw new UpdateRejected(ReasonCode.KEY_REVOKED, "release key " + m.keyId() + " was revoked (key list"
                    + " version " + keys.version() + ")");
        }
        ReleaseKey key = keys.key(m.keyId()).orElseThrow(() -> new UpdateRejected(ReasonCode.UNKNOWN_KEY,
                "release key " + m.keyId() + " is not in key list version " + keys.version()));
        if (!file.envelope().verifiedBy(key.publicKey())) {
            throw new UpdateRejected(ReasonCode.BAD_SIGNATURE, "the manifest's signature does not verify with"
                    + " release key " + m.keyId() + ": the manifest was altered or signed by another key");
        }
        if (!now.isBefore(keys.expires())) {
            throw new UpdateRejected(ReasonCode.KEY_LIST_EXPIRED, "key list version " + keys.version()
                    + " expired at " + keys.expires() + " (board time " + now + ")");
        }
        if (!now.isBefore(m.expires())) {
            throw new UpdateRejected(ReasonCode.MANIFEST_EXPIRED, "release " + m.release() + " expired at "
                    + m.expires() + " (board time " + now + ")");
        }
        if (!m.target().matches(board.deviceId(), board.groups())) {
            throw new UpdateRejected(ReasonCode.WRONG_TARGET, "release " + m.release() + " targets " + m.target()
                    + "; this board is " + board.deviceId() + " in groups " + board.groups());
        }
        checkReleaseNumber(m, installed);
        checkBundleBytes(bundle, m);
        if (AgentVersion.compare(board.agentVersion(), m.minAgentVersion()) < 0) {
            throw new UpdateRejected(ReasonCode.AGENT_TOO_OLD, "release " + m.release() + " needs agent "
                    + m.minAgentVersion() + " or later; this one is " + board.agentVersion());
        }
        ArchiveCheck.check(bundle, limits);
        ModelManifest model;
        try {
            model = ModelBundle.open(bundle).manifest();
        } catch (BundleException e) {
            throw new UpdateRejected(ReasonCode.BUNDLE_INVALID, "the bundle does not open as a model: " + e.getMessage(), e);
        }
        if (!model.name().equals(m.model()) || !model.version().equals(m.version())) {
            throw new UpdateRejected(ReasonCode.BUNDLE_MISMATCH, "the manifest names " + m.model() + " " + m.version()
                    + " but the bundle's model.json is " + model.name() + " " + model.version());
        }
        return new VerifiedRelease(file, keys, adopt ? file.keyList() : Optional.empty(), model);
    }

    private static KeyList keyList(Envelope envelope, PublicKey rootKey, String which) throws UpdateRejected {
        if (!envelope.verifiedBy(rootKey)) {
            throw new UpdateRejected(ReasonCode.KEY_LIST_SIGNATURE, "the " + which + " key list is not signed by the"
                    + " board's root key (signed by key " + envelope.keyId() + ")");
        }
        try {
            return KeyList.read("key_list.signed", envelope.signed());
        } catch (ReleaseFormatException e) {
            throw new UpdateRejected(ReasonCode.MALFORMED_RELEASE, "the " + which + " key list " + e.getMessage());
        }
    }

    private static void checkReleaseNumber(ReleaseManifest m, InstalledState installed) throws UpdateRejected {
        if (m.isRollback()) {
            long from = m.rollbackFrom().getAsLong();
            if (from != installed.activeRelease()) {
                throw new UpdateRejected(ReasonCode.ROLLBACK_MISMATCH, "rollback release " + m.release()
                        + " replaces release " + from + ", but release " + installed.activeRelease() + " is active");
            }
            return;
        }
        if (m.release() < installed.activeRelease()) {
            throw new UpdateRejected(ReasonCode.DOWNGRADE, "release " + m.release() + " is below the active release "
                    + installed.activeRelease() + " and is not a signed rollback");
        }
        if (m.release() <= installed.highestRelease()) {
            throw new UpdateRejected(ReasonCode.REPLAY, "release " + m.release() + " was already installed on this"
                    + " board (highest so far " + installed.highestRelease() + ")");
        }
    }

    private static void checkBundleBytes(Path bundle, ReleaseManifest m) throws UpdateRejected {
        try {
            long size = Files.size(bundle);
            if (size != m.bundleSize()) {
                throw new UpdateRejected(ReasonCode.BUNDLE_SIZE, "the bundle is " + size + " bytes; the manifest says "
                        + m.bundleSize());
            }
            String sha = sha256(bundle);
            if (!sha.equals(m.bundleSha256())) {
                throw new UpdateRejected(ReasonCode.BUNDLE_DIGEST, "the bundle's SHA-256 is " + sha
                        + "; the manifest says " + m.bundleSha256());
            }
        } catch (IOException e) {
            throw new UpdateRejected(ReasonCode.BUNDLE_SIZE, "the bundle cannot be read: " + e.getMessage(), e);
        }
    }

    /** The SHA-256 of a file, in lower-case hex. */
    public static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
