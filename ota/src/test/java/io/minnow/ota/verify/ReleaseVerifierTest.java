package io.minnow.ota.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.ota.keys.ReleaseKey;
import io.minnow.ota.release.Ed25519;
import io.minnow.ota.release.Target;
import io.minnow.ota.testing.BadZips;
import io.minnow.ota.testing.Fleet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseVerifierTest {
    private static final Instant NOW = Instant.parse("2026-12-08T02:00:00Z");

    @TempDir
    Path dir;

    private final Fleet fleet = new Fleet(NOW);

    private ReleaseVerifier verifier(Instant at) {
        return new ReleaseVerifier(Optional.of(fleet.root.getPublic()),
                new BoardIdentity("pump-7", List.of("plant4"), "0.1.0"), ArchiveLimits.DEFAULT,
                Clock.fixed(at, ZoneOffset.UTC));
    }

    private ReasonCode refusal(Path bundle, Path release, InstalledState installed) {
        try {
            verifier(NOW).verify(bundle, release, installed);
        } catch (UpdateRejected e) {
            assertThat(e.getMessage()).isNotBlank();
            return e.code();
        }
        throw new AssertionError("the release was accepted");
    }

    private Path bundle4() throws Exception {
        return Fleet.copy(Fleet.PUMP_4, dir, "b4.minnow");
    }

    @Test
    void acceptsAWellSignedReleaseAndOffersItsNewerKeyList() throws Exception {
        Path b = bundle4();
        VerifiedRelease v = verifier(NOW).verify(b, fleet.release(b, 4).write(dir.resolve("r.json")), InstalledState.FRESH);
        assertThat(v.manifest().release()).isEqualTo(4);
        assertThat(v.model().version()).isEqualTo("4.0.0");
        assertThat(v.newKeyList()).contains(fleet.keyListEnvelope);
    }

    @Test
    void refusesABundleWithOneFlippedByte() throws Exception {
        Path b = bundle4();
        Path r = fleet.release(b, 4).write(dir.resolve("r.json"));
        byte[] bytes = Files.readAllBytes(b);
        bytes[bytes.length / 2] ^= 1;
        Files.write(b, bytes);
        assertThat(refusal(b, r, InstalledState.FRESH)).isEqualTo(ReasonCode.BUNDLE_DIGEST);
    }

    @Test
    void refusesAManifestWithOneChangedByte() throws Exception {
        Path b = bundle4();
        Path r = fleet.release(b, 4).write(dir.resolve("r.json"));
        String text = Files.readString(r).replace("\"release\" : 4", "\"release\" : 5");
        assertThat(text).contains("\"release\" : 5");
        Files.writeString(r, text);
        assertThat(refusal(b, r, InstalledState.FRESH)).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void keepsAcceptingAReformattedManifest() throws Exception {
        Path b = bundle4();
        Path r = fleet.release(b, 4).write(dir.resolve("r.json"));
        Files.writeString(r, Files.readString(r).replace("\n", "\n\n  "));
        assertThat(verifier(NOW).verify(b, r, InstalledState.FRESH).manifest().release()).isEqualTo(4);
    }

    @Test
    void refusesAReleaseSignedByAKeyOutsideTheKeyList() throws Exception {
        Path b = bundle4();
        Fleet.Release rel = fleet.release(b, 4);
        rel.signer = Ed25519.generate();
        assertThat(refusal(b, rel.write(dir.resolve("r.json")), InstalledState.FRESH)).isEqualTo(ReasonCode.UNKNOWN_KEY);
    }

    @Test
    void refusesAListedKeyIdWhoseSignatureIsFromAnotherKey() throws Exception {
        Path b = bundle4();
        Path r = fleet.release(b, 4).write(dir.resolve("r.json"));
        var other = io.minnow.ota.release.ReleaseFile.sign(io.minnow.ota.release.ReleaseFile.read(r).manifest(),
                Ed25519.generate().getPrivate(), Optional.of(fleet.keyListEnvelope));
        Files.write(r, other.toBytes());
        assertThat(refusal(b, r, InstalledState.FRESH)).isEqualTo(ReasonCode.BAD_SIGNATURE);
    }

    @Test
    void refusesAKeyListNotSignedByTheRoot() throws Exception {
        Path b = bundle4();
        Fleet.Release rel = fleet.release(b, 4);
        rel.keys = Optional.of(io.minnow.ota.release.Envelope.sign(fleet.keyList.toJson(),
                Ed25519.generate().getPrivate(), "0000000000000000"));
        assertThat(refusal(b, rel.write(dir.resolve("r.json")), InstalledState.FRESH))
                .isEqualTo(ReasonCode.KEY_LIST_SIGNATURE);
    }

    @Test
    void refusesARevokedKeyEvenWithAnOldKeyListInTheRelease() throws Exception {
        Path b = bundle4();
        Path r = fleet.release(b, 4).write(dir.resolve("r.json"));
        var oldList = fleet.keyListEnvelope;
        String revokedId = Ed25519.keyId(fleet.releaseKey.getPublic());
        fleet.keyList = fleet.keyList.withKey(ReleaseKey.of(Ed25519.generate().getPublic()), NOW, NOW.plus(Duration.ofDays(9)))
                .withRevoked(revokedId, NOW, NOW.plus(Duration.ofDays(9)));
        fleet.resignKeyList();
        assertThat(oldList).isNotEqualTo(fleet.keyListEnvelope);
        InstalledState board = new InstalledState(0, 0, Optional.of(fleet.keyListEnvelope));
        assertThat(refusal(b, r, board)).isEqualTo(ReasonCode.KEY_REVOKED);
    }

    @Test
    void acceptsAReleaseFromARotatedKeyCarriedInTheRelease() throws Exception {
        Path b = bundle4();
        InstalledState board = new InstalledState(0, 0, Optional.of(fleet.keyListEnvelope));
        var newKey = Ed25519.generate();
        fleet.keyList = fleet.keyList.withKey(ReleaseKey.of(newKey.getPublic()), NOW, NOW.plus(Duration.ofDays(9)));
        fleet.resignKeyList();
        Fleet.Release rel = fleet.release(b, 4);
        rel.signer = newKey;
        rel.keys = Optional.of(fleet.keyListEnvelope);
        VerifiedRelease v = verifier(NOW).verify(b, rel.write(dir.resolve("r.json")), board);
        assertThat(v.keyListUsed().version()).isEqualTo(2);
        assertThat(v.newKeyList()).isPresent();
    }

    @Test
    void refusesAnExpiredManifest() throws Exception {
        Path b = bundle4();
        Fleet.Release rel = fleet.release(b, 4);
        rel.expires = NOW.minusSeconds(1);
        assertThat(refusal(b, rel.write(dir.resolve("r.json")), InstalledState.FRESH)).isEqualTo(ReasonCode.MANIFEST_EXPIRED);
    }

    @Test
    void refusesAReleaseWhoseKeyListHasExpired() throws Exception {
        Path b = bundle4();
        Path r = fleet.release(b, 4).write(dir.resolve("r.json"));
        try {
            verifier(NOW.plus(Duration.ofDays(366))).verify(b, r, InstalledState.FRESH);
            throw new AssertionError("accepted");
        } catch (UpdateRejected e) {
            assertThat(e.code()).isEqualTo(ReasonCode.KEY_LIST_EXPIRED);
        }
    }

    @Test
    void refusesAnotherBoardsRelease() throws Exception {
        Path b = bundle4();
        Fleet.Release rel = fleet.release(b, 4);
        rel.target = Target.of(List.of("pump-8"), List.of("plant5"));
        assertThat(refusal(b, rel.write(dir.resolve("r.json")), InstalledState.FRESH)).isEqualTo(ReasonCode.WRONG_TARGET);
        rel.target = Target.of(List.of(), List.of("plant4"));
        assertThat(verifier(NOW).verify(b, rel.write(dir.resolve("r2.json")), InstalledState.FRESH)).isNotNull();
    }

    @Test
    void refusesDowngradeAndReplayButAcceptsASignedRollback() throws Exception {
        Path b = bundle4();
        InstalledState at5 = new InstalledState(5, 6, Optional.empty());
        assertThat(refusal(b, fleet.release(b, 4).write(dir.resolve("r4.json")), at5)).isEqualTo(ReasonCode.DOWNGRADE);
        assertThat(refusal(b, fleet.release(b, 5).write(dir.resolve("r5.json")), at5)).isEqualTo(ReasonCode.REPLAY);
        assertThat(refusal(b, fleet.release(b, 6).write(dir.resolve("r6.json")), at5)).isEqualTo(ReasonCode.REPLAY);
        Fleet.Release rollback = fleet.release(b, 3);
        rollback.rollbackFrom = OptionalLong.of(5);
        assertThat(verifier(NOW).verify(b, rollback.write(dir.resolve("rb.json")), at5).manifest().isRollback()).isTrue();
        rollback.rollbackFrom = OptionalLong.of(4);
        assertThat(refusal(b, rollback.write(dir.resolve("rb2.json")), at5)).isEqualTo(ReasonCode.ROLLBACK_MISMATCH);
    }

    @Test
    void refusesATruncatedBundle() throws Exception {
        Path b = bundle4();
        Path r = fleet.release(b, 4).write(dir.resolve("r.json"));
        byte[] bytes = Files.readAllBytes(b);
        Files.write(b, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        assertThat(refusal(b, r, InstalledState.FRESH)).isEqualTo(ReasonCode.BUNDLE_SIZE);
    }

    @Test
    void refusesAReleaseForANewerAgent() throws Exception {
        Path b = bundle4();
        Fleet.Release rel = fleet.release(b, 4);
        rel.minAgent = "0.2";
        assertThat(refusal(b, rel.write(dir.resolve("r.json")), InstalledState.FRESH)).isEqualTo(ReasonCode.AGENT_TOO_OLD);
    }

    @Test
    void refusesZipSlipSymlinkAndZipBombEntriesEvenWhenSigned() throws Exception {
        Path slip = BadZips.withExtraEntry(Fleet.PUMP_4, dir.resolve("slip.minnow"), "../../etc/evil", 10);
        assertThat(refusal(slip, fleet.release(slip, 4).write(dir.resolve("s.json")), InstalledState.FRESH))
                .isEqualTo(ReasonCode.BUNDLE_UNSAFE);
        Path abs = BadZips.withExtraEntry(Fleet.PUMP_4, dir.resolve("abs.minnow"), "/etc/evil", 10);
        assertThat(refusal(abs, fleet.release(abs, 4).write(dir.resolve("a.json")), InstalledState.FRESH))
                .isEqualTo(ReasonCode.BUNDLE_UNSAFE);
        Path link = BadZips.withSymlink(Fleet.PUMP_4, dir.resolve("link.minnow"), "notes", "/etc/shadow");
        assertThat(refusal(link, fleet.release(link, 4).write(dir.resolve("l.json")), InstalledState.FRESH))
                .isEqualTo(ReasonCode.BUNDLE_UNSAFE);
        Path bomb = BadZips.withExtraEntry(Fleet.PUMP_4, dir.resolve("bomb.minnow"), "padding.bin", 32 << 20);
        assertThat(Files.size(bomb)).as("32 MB of zeros deflate to little").isLessThan(Files.size(Fleet.PUMP_4) + (1 << 20));
        assertThat(refusal(bomb, fleet.release(bomb, 4).write(dir.resolve("b.json")), InstalledState.FRESH))
                .isEqualTo(ReasonCode.BUNDLE_UNSAFE);
    }

    @Test
    void refusesABundleThatIsNotAModelAndOneWhoseNameDisagrees() throws Exception {
        Path notModel = dir.resolve("x.minnow");
        Files.writeString(notModel, "not a zip", StandardCharsets.UTF_8);
        assertThat(refusal(notModel, fleet.release(Fleet.PUMP_4, 4).write(dir.resolve("r.json")), InstalledState.FRESH))
                .isEqualTo(ReasonCode.BUNDLE_SIZE);
        Path b3 = Fleet.copy(Fleet.PUMP_3, dir, "b3.minnow");
        Path r = fleet.release(b3, 4).write(dir.resolve("r3.json"));
        String text = Files.readString(r);
        assertThat(text).contains("3.0.0");
        assertThatThrownBy(() -> verifier(NOW).verify(bundle4(), r, InstalledState.FRESH)).isInstanceOf(UpdateRejected.class);
    }

    @Test
    void refusesEverythingWithoutATrustRootAndMalformedFiles() throws Exception {
        Path b = bundle4();
        Path r = fleet.release(b, 4).write(dir.resolve("r.json"));
        ReleaseVerifier untrusting = new ReleaseVerifier(Optional.empty(), new BoardIdentity("pump-7", List.of(), "0.1.0"),
                ArchiveLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> untrusting.verify(b, r, InstalledState.FRESH))
                .matches(e -> ((UpdateRejected) e).code() == ReasonCode.NO_TRUST_ROOT);
        Files.writeString(r, "{\"signed\": {}, ");
        assertThat(refusal(b, r, InstalledState.FRESH)).isEqualTo(ReasonCode.MALFORMED_RELEASE);
    }
}
