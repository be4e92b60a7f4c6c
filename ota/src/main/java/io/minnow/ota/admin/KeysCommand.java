package io.minnow.ota.admin;

import io.minnow.ota.keys.KeyFiles;
import io.minnow.ota.keys.KeyList;
import io.minnow.ota.keys.ReleaseKey;
import io.minnow.ota.release.Ed25519;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minnow-admin keys init|rotate|renew|revoke}: the root key and the root-signed list of release keys. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the root key and the release keys.",
        subcommands = {KeysCommand.Init.class, KeysCommand.Rotate.class, KeysCommand.Renew.class,
                KeysCommand.Revoke.class})
final class KeysCommand {

    /** Options every keys command shares. */
    abstract static class Base {
        @Option(names = "--dir", required = true, description = "the key directory")
        Path dir;

        @Option(names = "--valid-days", defaultValue = "365", description = "days until the new key list expires"
                + " (default ${DEFAULT-VALUE}); boards refuse releases once it has expired")
        long validDays;

        @Spec
        CommandSpec spec;

        Instant expiry(Instant now) {
            if (validDays < 1) {
                throw new IllegalArgumentException("--valid-days must be at least 1, got " + validDays);
            }
            return now.plus(Duration.ofDays(validDays));
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the root key, a first release key and key list version 1.")
    static final class Init extends Base implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            KeyDirectory keys = new KeyDirectory(dir);
            if (Files.exists(keys.rootKey())) {
                throw new IllegalArgumentException(keys.rootKey() + " exists; keys init never replaces a root key");
            }
            Files.createDirectories(dir);
            KeyPair root = Ed25519.generate();
            KeyFiles.writePrivate(keys.rootKey(), root);
            KeyFiles.writePublic(keys.rootPub(), root.getPublic());
            KeyPair release = keys.newReleaseKey();
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            keys.writeList(new KeyList(1, now, expiry(now), List.of(ReleaseKey.of(release.getPublic())), List.of()));
            out().printf("root key %s: %s (keep it offline), %s (give it to boards as ota.root_key_file)%n",
                    Ed25519.keyId(root.getPublic()), keys.rootKey(), keys.rootPub());
            out().printf("release key %s: %s%n", Ed25519.keyId(release.getPublic()),
                    keys.releaseKey(Ed25519.keyId(release.getPublic())));
            out().printf("key list version 1: %s, expires %s%n", keys.keyList(), expiry(now));
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Add a new release key (sign with it from now on); older keys stay valid until revoked.")
    static final class Rotate extends Base implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            KeyDirectory keys = new KeyDirectory(dir);
            KeyList list = keys.readList();
            KeyPair release = keys.newReleaseKey();
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            KeyList next = list.withKey(ReleaseKey.of(release.getPublic()), now, expiry(now));
            keys.writeList(next);
            out().printf("release key %s added; key list version %d, expires %s%n", Ed25519.keyId(release.getPublic()),
                    next.version(), next.expires());
            return 0;
        }
    }

    @Command(name = "renew", mixinStandardHelpOptions = true,
            description = "Sign the same keys again as a new key list version with a later expiry.")
    static final class Renew extends Base implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            KeyDirectory keys = new KeyDirectory(dir);
            KeyList list = keys.readList();
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            KeyList next = new KeyList(list.version() + 1, now, expiry(now), list.keys(), list.revoked());
            keys.writeList(next);
            out().printf("key list version %d, expires %s%n", next.version(), next.expires());
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a release key: boards refuse its signatures as soon as they see the new key list.")
    static final class Revoke extends Base implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY_ID", description = "the release key's id")
        String keyId;

        @Override
        public Integer call() throws Exception {
            KeyDirectory keys = new KeyDirectory(dir);
            KeyList list = keys.readList();
            if (list.key(keyId).isEmpty()) {
                throw new IllegalArgumentException("key " + keyId + " is not in key list version " + list.version()
                        + " (listed: " + list.keys().stream().map(ReleaseKey::id).toList() + ")");
            }
            if (list.keys().size() == 1) {
                throw new IllegalArgumentException("key " + keyId + " is the only release key; keys rotate first");
            }
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            KeyList next = list.withRevoked(keyId, now, expiry(now));
            keys.writeList(next);
            out().printf("release key %s revoked; key list version %d. Sign a release with a remaining key so boards"
                    + " learn of it.%n", keyId, next.version());
            return 0;
        }
    }
}
