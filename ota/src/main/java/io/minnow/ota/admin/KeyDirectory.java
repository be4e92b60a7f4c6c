package io.minnow.ota.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minnow.ota.keys.KeyFiles;
import io.minnow.ota.keys.KeyList;
import io.minnow.ota.release.Ed25519;
import io.minnow.ota.release.Envelope;
import io.minnow.ota.release.ReleaseFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;

/**
 * The admin's key directory: {@code root.key} and {@code release-ID.key} (private, 0600), {@code root.pub}
 * (for the boards' {@code ota.root_key_file}), and {@code keys.json}, the current root-signed key list. Not
 * thread-safe; one admin command at a time.
 */
final class KeyDirectory {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;

    KeyDirectory(Path dir) {
        this.dir = dir;
    }

    Path rootKey() {
        return dir.resolve("root.key");
    }

    Path rootPub() {
        return dir.resolve("root.pub");
    }

    Path keyList() {
        return dir.resolve("keys.json");
    }

    Path releaseKey(String id) {
        return dir.resolve("release-" + id + ".key");
    }

    /** Generates a release key and writes its private file; returns the pair. */
    KeyPair newReleaseKey() throws IOException {
        KeyPair pair = Ed25519.generate();
        KeyFiles.writePrivate(releaseKey(Ed25519.keyId(pair.getPublic())), pair);
        return pair;
    }

    /** The current key list, read back from its signed file. */
    KeyList readList() throws IOException {
        try {
            return KeyList.read("keys.json.signed", readEnvelope().signed());
        } catch (ReleaseFormatException e) {
            throw new IOException(keyList() + " is damaged: " + e.getMessage(), e);
        }
    }

    Envelope readEnvelope() throws IOException {
        if (!Files.exists(keyList())) {
            throw new IOException(keyList() + " does not exist; run minnow-admin keys init --dir " + dir);
        }
        try {
            return Envelope.read("keys.json", JSON.readTree(keyList().toFile()));
        } catch (ReleaseFormatException e) {
            throw new IOException(keyList() + " is damaged: " + e.getMessage(), e);
        }
    }

    /** Signs {@code list} with the root key and replaces keys.json. */
    Envelope writeList(KeyList list) throws IOException {
        KeyFiles.SigningKey root = KeyFiles.readPrivate(rootKey());
        Envelope e = Envelope.sign(list.toJson(), root.privateKey(), root.id());
        Path temp = dir.resolve(".keys.json.new");
        Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(e.toJson()));
        Files.move(temp, keyList(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return e;
    }
}
