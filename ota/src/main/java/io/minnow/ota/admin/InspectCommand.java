package io.minnow.ota.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minnow.ota.keys.KeyList;
import io.minnow.ota.keys.ReleaseKey;
import io.minnow.ota.release.Envelope;
import io.minnow.ota.release.ReleaseFile;
import io.minnow.ota.release.ReleaseManifest;
import io.minnow.ota.verify.ReleaseVerifier;
import io.minnow.runtime.bundle.BundleException;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minnow-admin inspect FILE}: what a bundle, a release file or a key list says. Checks no signature. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show what a bundle, a release file or a key list (keys.json) holds.")
final class InspectCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file");
        }
        if (file.getFileName().toString().endsWith(ModelBundle.EXTENSION)) {
            ModelManifest m;
            try {
                m = ModelBundle.open(file).manifest();
            } catch (BundleException e) {
                throw new IllegalArgumentException(file + " is not a usable bundle: " + e.getMessage(), e);
            }
            out.printf("bundle %s: %s %s, %s, context %d, templates %s%n", file, m.name(), m.version(),
                    m.convention().name().toLowerCase(java.util.Locale.ROOT), m.contextLength(), m.templates().keySet());
            out.printf("  size %d bytes, sha256 %s%n", Files.size(file), ReleaseVerifier.sha256(file));
            out.printf("  self_test: %s%n", m.selfTest() == null ? "none" : m.selfTest().cases().size()
                    + " cases, latency budget " + m.selfTest().latencyBudgetMs() + " ms");
            return 0;
        }
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        if (KeyList.TYPE.equals(json.path("signed").path("type").asText())) {
            Envelope e = Envelope.read(file.toString(), json);
            keyList(out, KeyList.read("signed", e.signed()), e.keyId());
            return 0;
        }
        ReleaseFile r = ReleaseFile.parse(Files.readAllBytes(file));
        ReleaseManifest m = r.manifest();
        out.printf("release %d%s: %s %s%n", m.release(), m.isRollback() ? " (rollback from "
                + m.rollbackFrom().getAsLong() + ")" : "", m.model(), m.version());
        out.printf("  bundle sha256 %s, %d bytes%n", m.bundleSha256(), m.bundleSize());
        out.printf("  target %s, min agent %s%n", m.target(), m.minAgentVersion());
        out.printf("  created %s, expires %s, signed by key %s%n", m.created(), m.expires(), m.keyId());
        if (r.keyList().isPresent()) {
            keyList(out, KeyList.read("key_list.signed", r.keyList().get().signed()), r.keyList().get().keyId());
        }
        return 0;
    }

    private static void keyList(PrintWriter out, KeyList list, String rootId) {
        out.printf("key list version %d (signed by root %s), created %s, expires %s%n", list.version(), rootId,
                list.created(), list.expires());
        out.printf("  keys %s, revoked %s%n", list.keys().stream().map(ReleaseKey::id).toList(), list.revoked());
    }
}
