package io.minnow.ota.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.ota.release.Ed25519;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Key files as minnow-admin writes them and boards read them: small JSON files, {@code {"type":
 * "ed25519-public", "id": ..., "public": BASE64}} and {@code {"type": "ed25519-private", "id": ..., "public":
 * ..., "private": BASE64}}. Private key files are created owner-only (0600) and never overwritten. A public
 * key file may also hold just the Base64 text of the key, so a config can carry a pasted key. Stateless.
 */
public final class KeyFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyFiles() {
    }

    /** A signing key: the private key and its id. */
    public record SigningKey(String id, PrivateKey privateKey, PublicKey publicKey) {
    }

    /** Writes {@code pair}'s private key to {@code file}, owner-only; refuses to replace an existing file. */
    public static void writePrivate(Path file, KeyPair pair) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "ed25519-private");
        n.put("id", Ed25519.keyId(pair.getPublic()));
        n.put("public", Ed25519.encodePublic(pair.getPublic()));
        n.put("private", Ed25519.encodePrivate(pair.getPrivate()));
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n);
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "a key file is never overwritten");
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Writes the public key file. */
    public static void writePublic(Path file, PublicKey key) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "ed25519-public");
        n.put("id", Ed25519.keyId(key));
        n.put("public", Ed25519.encodePublic(key));
        Files.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
    }

    /** @throws IOException naming the file if it is not a private key file */
    public static SigningKey readPrivate(Path file) throws IOException {
        JsonNode n = readJson(file);
        if (!"ed25519-private".equals(n.path("type").asText())) {
            throw new IOException(file + " is not a minnow private key file (type ed25519-private)");
        }
        try {
            PublicKey pub = Ed25519.decodePublic(n.path("public").asText());
            return new SigningKey(Ed25519.keyId(pub), Ed25519.decodePrivate(n.path("private").asText()), pub);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a public key: a file written by {@link #writePublic} or a private key file (its public half), or
     * the bare Base64 text.
     *
     * @throws IOException naming the file if it holds no Ed25519 public key
     */
    public static PublicKey readPublic(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).trim();
        try {
            if (!text.startsWith("{")) {
                return Ed25519.decodePublic(text);
            }
            JsonNode n = JSON.readTree(text);
            return Ed25519.decodePublic(n.path("public").asText());
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException(file + " holds no Ed25519 public key: " + e.getMessage(), e);
        }
    }

    private static JsonNode readJson(Path file) throws IOException {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + " is not a JSON key file: " + e.getMessage(), e);
        }
    }
}
