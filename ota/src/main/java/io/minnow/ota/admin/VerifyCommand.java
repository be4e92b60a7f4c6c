package io.minnow.ota.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minnow.ota.keys.KeyFiles;
import io.minnow.ota.release.Envelope;
import io.minnow.ota.verify.ArchiveLimits;
import io.minnow.ota.verify.BoardIdentity;
import io.minnow.ota.verify.InstalledState;
import io.minnow.ota.verify.ReleaseVerifier;
import io.minnow.ota.verify.UpdateRejected;
import io.minnow.ota.verify.VerifiedRelease;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code minnow-admin verify BUNDLE RELEASE}: the board's own checks ({@link ReleaseVerifier}), offline, for a
 * board described by the options. The model's self-test runs on the board when it loads the model.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check a bundle and its release file exactly as a board would, without a board.")
final class VerifyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE")
    Path bundle;

    @Parameters(index = "1", paramLabel = "RELEASE")
    Path release;

    @Option(names = "--root", required = true, description = "the root public key the board trusts (root.pub)")
    Path root;

    @Option(names = "--device", defaultValue = "minnow-1", description = "the board's id (default ${DEFAULT-VALUE})")
    String device;

    @Option(names = "--group", description = "a group the board belongs to (repeatable)")
    List<String> groups = List.of();

    @Option(names = "--agent-version", defaultValue = "0.1.0", description = "the board's agent version (default"
            + " ${DEFAULT-VALUE})")
    String agentVersion;

    @Option(names = "--installed-release", defaultValue = "0", description = "the board's active release number")
    long installed;

    @Option(names = "--highest-release", description = "the highest release the board ever activated (default:"
            + " --installed-release)")
    Long highest;

    @Option(names = "--board-keys", description = "the key list the board holds (its state dir's keys.json)")
    Path boardKeys;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Optional<Envelope> held = Optional.empty();
        if (boardKeys != null) {
            held = Optional.of(Envelope.read("keys.json", new ObjectMapper().readTree(boardKeys.toFile())));
        }
        InstalledState state = new InstalledState(installed, highest == null ? installed : highest, held);
        ReleaseVerifier verifier = new ReleaseVerifier(Optional.of(KeyFiles.readPublic(root)),
                new BoardIdentity(device, groups, agentVersion), ArchiveLimits.DEFAULT, Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        try {
            VerifiedRelease v = verifier.verify(bundle, release, state);
            out.printf("ok: %s %s, release %d, signed by %s (key list version %d), expires %s%n", v.model().name(),
                    v.model().version(), v.manifest().release(), v.manifest().keyId(), v.keyListUsed().version(),
                    v.manifest().expires());
            return 0;
        } catch (UpdateRejected e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("rejected " + e.code().wireName() + ": " + e.getMessage());
            err.println("what to do: " + e.code().action());
            return AdminCli.REFUSED;
        }
    }
}
