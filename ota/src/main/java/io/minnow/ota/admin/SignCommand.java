package io.minnow.ota.admin;

import io.minnow.ota.keys.KeyFiles;
import io.minnow.ota.keys.KeyList;
import io.minnow.ota.keys.ReleaseKey;
import io.minnow.ota.release.AgentVersion;
import io.minnow.ota.release.ReleaseFile;
import io.minnow.ota.release.ReleaseManifest;
import io.minnow.ota.release.Target;
import io.minnow.ota.verify.ReleaseVerifier;
import io.minnow.runtime.bundle.BundleException;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minnow-admin sign BUNDLE --release N ...}: writes the release file that goes with a bundle. */
@Command(name = "sign", mixinStandardHelpOptions = true,
        description = "Sign a bundle: write its release file (manifest + key list) next to it.")
final class SignCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE", description = "the .minnow bundle")
    Path bundle;

    @Option(names = "--keys", required = true, description = "the key directory (minnow-admin keys init)")
    Path keysDir;

    @Option(names = "--release", required = true, description = "release number, above every release before")
    long release;

    @Option(names = "--all", description = "target every board")
    boolean all;

    @Option(names = "--device", description = "target this board id (repeatable)")
    List<String> devices = List.of();

    @Option(names = "--group", description = "target boards of this group (repeatable)")
    List<String> groups = List.of();

    @Option(names = "--expires", description = "when boards stop accepting it: a UTC time (2027-01-31T00:00:00Z)"
            + " or a number of days (30d); default 30d")
    String expires = "30d";

    @Option(names = "--key", description = "the release key id to sign with; default the newest in keys.json")
    String keyId;

    @Option(names = "--rollback-from", description = "make this a rollback release that replaces release M (its"
            + " number may then be lower)")
    Long rollbackFrom;

    @Option(names = "--min-agent-version", defaultValue = "0.1.0", description = "oldest agent that may install it"
            + " (default ${DEFAULT-VALUE})")
    String minAgent;

    @Option(names = "--out", description = "the release file; default BUNDLE with .release.json for .minnow")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (all == (!devices.isEmpty() || !groups.isEmpty())) {
            throw new IllegalArgumentException("name the target: --all, or --device/--group (not both)");
        }
        if (!AgentVersion.valid(minAgent)) {
            throw new IllegalArgumentException("--min-agent-version must be dotted numbers like 0.1.0, got " + minAgent);
        }
        ModelManifest model;
        try {
            model = ModelBundle.open(bundle).manifest();
        } catch (BundleException e) {
            throw new IllegalArgumentException("bundle " + bundle + " is unusable: " + e.getMessage(), e);
        }
        KeyDirectory keys = new KeyDirectory(keysDir);
        KeyList list = keys.readList();
        ReleaseKey key = keyId == null ? newestWithPrivateFile(keys, list) : list.key(keyId).orElseThrow(() ->
                new IllegalArgumentException("key " + keyId + " is not in key list version " + list.version()));
        KeyFiles.SigningKey signing = KeyFiles.readPrivate(keys.releaseKey(key.id()));
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ReleaseManifest manifest;
        try {
            manifest = new ReleaseManifest(model.name(), model.version(), release,
                    rollbackFrom == null ? OptionalLong.empty() : OptionalLong.of(rollbackFrom),
                    ReleaseVerifier.sha256(bundle), Files.size(bundle), minAgent,
                    all ? Target.ALL : Target.of(devices, groups), now, expiry(now), key.id());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e);
        }
        ReleaseFile file = ReleaseFile.sign(manifest, signing.privateKey(), Optional.of(keys.readEnvelope()));
        Path target = out != null ? out : bundle.resolveSibling(bundle.getFileName().toString()
                .replaceFirst("\\.minnow$", "") + ".release.json");
        Files.write(target, file.toBytes());
        spec.commandLine().getOut().printf("wrote %s: %s %s as release %d%s for %s, key %s, expires %s%n", target,
                model.name(), model.version(), release, rollbackFrom == null ? "" : " (rollback from " + rollbackFrom + ")",
                manifest.target(), key.id(), manifest.expires());
        return 0;
    }

    private Instant expiry(Instant now) {
        if (expires.matches("[0-9]{1,5}d")) {
            return now.plus(Duration.ofDays(Long.parseLong(expires.substring(0, expires.length() - 1))));
        }
        try {
            return Instant.parse(expires);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--expires must be a UTC time like 2027-01-31T00:00:00Z or days like"
                    + " 30d, got " + expires, e);
        }
    }

    private static ReleaseKey newestWithPrivateFile(KeyDirectory keys, KeyList list) {
        for (int i = list.keys().size() - 1; i >= 0; i--) {
            if (Files.exists(keys.releaseKey(list.keys().get(i).id()))) {
                return list.keys().get(i);
            }
        }
        throw new IllegalArgumentException("no private file for any key of key list version " + list.version()
                + " in " + keys.dir);
    }
}
