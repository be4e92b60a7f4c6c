package io.minnow.ota.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.ota.testing.Fleet;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminCliTest {
    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        return AdminCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private Path keys() {
        return dir.resolve("keys");
    }

    private int verify(Path bundle, Path release, String... extra) {
        List<String> args = new ArrayList<>(List.of("verify", bundle.toString(), release.toString(), "--root",
                keys().resolve("root.pub").toString(), "--device", "pump-7"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    private static String keyId(String text, String prefix) {
        Matcher m = Pattern.compile(prefix + " ([0-9a-f]{16})").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    @Test
    void initSignVerifyRotateRevokeAsABoardWouldSeeThem() throws Exception {
        assertThat(run("keys", "init", "--dir", keys().toString())).as(err.toString()).isZero();
        String firstKey = keyId(out.toString(), "release key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys().resolve("root.key"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                keys().resolve("release-" + firstKey + ".key")))).isEqualTo("rw-------");
        assertThat(run("keys", "init", "--dir", keys().toString())).isEqualTo(AdminCli.BAD_INPUT);
        assertThat(err.toString()).contains("never replaces a root key");
        Path boardKeysV1 = Files.copy(keys().resolve("keys.json"), dir.resolve("board-keys-v1.json"));

        Path bundle = Fleet.copy(Fleet.PUMP_4, dir, "pump-4.minnow");
        assertThat(run("sign", bundle.toString(), "--keys", keys().toString(), "--release", "4", "--all"))
                .as(err.toString()).isZero();
        Path release = dir.resolve("pump-4.release.json");
        assertThat(release).exists();
        assertThat(verify(bundle, release)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ok: minnow-pump 4.0.0, release 4, signed by " + firstKey);
        assertThat(verify(bundle, release, "--installed-release", "4")).isEqualTo(AdminCli.REFUSED);
        assertThat(err.toString()).contains("rejected replay", "what to do:");

        assertThat(run("inspect", release.toString())).isZero();
        assertThat(out.toString()).contains("release 4: minnow-pump 4.0.0", "target all boards", "key list version 1");
        assertThat(run("inspect", bundle.toString())).isZero();
        assertThat(out.toString()).contains("self_test: 6 cases");

        assertThat(run("keys", "rotate", "--dir", keys().toString())).as(err.toString()).isZero();
        String secondKey = keyId(out.toString(), "release key");
        assertThat(run("sign", bundle.toString(), "--keys", keys().toString(), "--release", "5", "--device", "pump-7",
                "--out", dir.resolve("r5.json").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("key " + secondKey);
        assertThat(verify(bundle, dir.resolve("r5.json"), "--board-keys", boardKeysV1.toString()))
                .as("a board with key list v1 learns of the rotation from the release").isZero();
        assertThat(run("verify", bundle.toString(), dir.resolve("r5.json").toString(), "--root",
                keys().resolve("root.pub").toString(), "--device", "pump-8")).isEqualTo(AdminCli.REFUSED);
        assertThat(err.toString()).contains("wrong_target");

        assertThat(run("keys", "revoke", "--dir", keys().toString(), firstKey)).as(err.toString()).isZero();
        Path boardKeysV3 = Files.copy(keys().resolve("keys.json"), dir.resolve("board-keys-v3.json"));
        assertThat(verify(bundle, release, "--board-keys", boardKeysV3.toString())).isEqualTo(AdminCli.REFUSED);
        assertThat(err.toString()).contains("rejected key_revoked");
        assertThat(run("sign", bundle.toString(), "--keys", keys().toString(), "--release", "6", "--all", "--key",
                firstKey)).isEqualTo(AdminCli.BAD_INPUT);
        assertThat(err.toString()).contains("not in key list version 3");
    }

    @Test
    void signRefusesAMissingTargetAndABadExpiry() throws Exception {
        run("keys", "init", "--dir", keys().toString());
        assertThat(run("sign", Fleet.PUMP_4.toString(), "--keys", keys().toString(), "--release", "1"))
                .isEqualTo(AdminCli.BAD_INPUT);
        assertThat(err.toString()).contains("name the target");
        assertThat(run("sign", Fleet.PUMP_4.toString(), "--keys", keys().toString(), "--release", "1", "--all",
                "--expires", "tomorrow", "--out", dir.resolve("x.json").toString())).isEqualTo(AdminCli.BAD_INPUT);
        assertThat(err.toString()).contains("--expires");
        assertThat(dir.resolve("x.json")).doesNotExist();
    }
}
