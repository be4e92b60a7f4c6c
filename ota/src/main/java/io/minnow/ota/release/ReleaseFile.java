package io.minnow.ota.release;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A release file ({@code NAME.release.json}), the manifest that travels beside a bundle: the signed manifest
 * and, optionally, the root-signed key list that vouches for the manifest's key, so a board that has an older
 * list learns of a rotation with the release itself:
 *
 * <pre>{@code
 * {"signed": {...ReleaseManifest...}, "signature": {"key_id": "...", "ed25519": "..."},
 *  "key_list": {"signed": {...KeyList...}, "signature": {"key_id": "<root id>", "ed25519": "..."}}}
 * }</pre>
 *
 * Parsing checks the form only; {@code io.minnow.ota.verify.ReleaseVerifier} checks signatures and meaning.
 * Immutable and thread-safe.
 */
public record ReleaseFile(Envelope envelope, ReleaseManifest manifest, Optional<Envelope> keyList) {
    /** Release files larger than this are refused before parsing; real ones are about 1 KiB. */
    public static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public ReleaseFile {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(keyList, "keyList");
    }

    /** Signs {@code manifest} and bundles the key list that vouches for the key. */
    public static ReleaseFile sign(ReleaseManifest manifest, java.security.PrivateKey key, Optional<Envelope> keyList) {
        return new ReleaseFile(Envelope.sign(manifest.toJson(), key, manifest.keyId()), manifest, keyList);
    }

    /** @throws ReleaseFormatException if the bytes are not a well-formed release file */
    public static ReleaseFile parse(byte[] bytes) throws ReleaseFormatException {
        if (bytes.length > MAX_BYTES) {
            throw new ReleaseFormatException("(file)", "is " + bytes.length + " bytes; a release file is at most " + MAX_BYTES);
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ReleaseFormatException("(file)", "is not JSON: " + (e instanceof JacksonException j
                    ? j.getOriginalMessage() : e.getMessage()));
        }
        JsonFields top = JsonFields.of("", root, "signed", "signature", "key_list");
        top.rejectUnknown();
        Envelope envelope = Envelope.read("", root);
        ReleaseManifest manifest = ReleaseManifest.read(envelope.signed());
        if (!manifest.keyId().equals(envelope.keyId())) {
            throw new ReleaseFormatException("signature.key_id", "is " + envelope.keyId() + " but signed.key_id is "
                    + manifest.keyId() + "; expected the same key");
        }
        Optional<Envelope> keys = top.has("key_list") ? Optional.of(Envelope.read("key_list", root.get("key_list")))
                : Optional.empty();
        return new ReleaseFile(envelope, manifest, keys);
    }

    /** Reads and parses {@code file}. */
    public static ReleaseFile read(Path file) throws IOException, ReleaseFormatException {
        if (Files.size(file) > MAX_BYTES) {
            throw new ReleaseFormatException("(file)", "is " + Files.size(file) + " bytes; a release file is at most "
                    + MAX_BYTES);
        }
        return parse(Files.readAllBytes(file));
    }

    /** The file's bytes (indented JSON). */
    public byte[] toBytes() {
        ObjectNode out = envelope.toJson();
        keyList.ifPresent(k -> out.set("key_list", k.toJson()));
        try {
            return JSON.writeValueAsBytes(out);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }
}
