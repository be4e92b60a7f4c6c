package io.minnow.ota.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Objects;

/**
 * A signed JSON document: {@code {"signed": {...}, "signature": {"key_id": "...", "ed25519": "BASE64"}}}.
 * The signature covers {@link CanonicalJson#bytes} of {@code signed}; the {@code signed} object names its own
 * {@code type} ({@code minnow-release}, {@code minnow-keys}) so a signature over one kind of document can never
 * be passed off as another. Immutable and thread-safe.
 *
 * @param signed the signed object as received (checked over its canonical bytes)
 * @param keyId the id of the key that made {@code signature} ({@link Ed25519#keyId})
 * @param signature the 64-byte Ed25519 signature
 */
public record Envelope(JsonNode signed, String keyId, byte[] signature) {
    public Envelope {
        Objects.requireNonNull(signed, "signed");
        Objects.requireNonNull(keyId, "keyId");
        signed = signed.deepCopy();
        signature = signature.clone();
    }

    /** Signs {@code signed} with {@code key}. */
    public static Envelope sign(JsonNode signed, PrivateKey key, String keyId) {
        return new Envelope(signed, keyId, Ed25519.sign(key, CanonicalJson.bytes(signed)));
    }

    /**
     * Reads an envelope; {@code path} names it in errors.
     *
     * @throws ReleaseFormatException if a part is missing or of the wrong type
     */
    public static Envelope read(String path, JsonNode json) throws ReleaseFormatException {
        JsonFields top = JsonFields.of(path, json, "signed", "signature", "key_list");
        JsonFields sig = top.object("signature", "key_id", "ed25519");
        sig.rejectUnknown();
        byte[] value;
        try {
            value = Base64.getDecoder().decode(sig.string("ed25519"));
        } catch (IllegalArgumentException e) {
            throw new ReleaseFormatException(sig.key("ed25519"), "is not Base64");
        }
        JsonNode signed = top.node("signed");
        JsonFields.of(top.key("signed"), signed);
        try {
            CanonicalJson.bytes(signed);
        } catch (IllegalArgumentException e) {
            throw new ReleaseFormatException(top.key("signed"), e.getMessage());
        }
        return new Envelope(signed, sig.string("key_id"), value);
    }

    /** True if {@code key} made this signature over the canonical bytes of {@code signed}. */
    public boolean verifiedBy(PublicKey key) {
        return Ed25519.verify(key, CanonicalJson.bytes(signed), signature);
    }

    /** The envelope as JSON. */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("signed", signed.deepCopy());
        ObjectNode sig = out.putObject("signature");
        sig.put("key_id", keyId);
        sig.put("ed25519", Base64.getEncoder().encodeToString(signature));
        return out;
    }

    @Override
    public JsonNode signed() {
        return signed.deepCopy();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        // Over canonical bytes: a parsed 1 and a written 1L are the same signed value.
        return o instanceof Envelope e && java.util.Arrays.equals(CanonicalJson.bytes(e.signed), CanonicalJson.bytes(signed))
                && e.keyId.equals(keyId) && java.util.Arrays.equals(e.signature, signature);
    }

    @Override
    public int hashCode() {
        return Objects.hash(java.util.Arrays.hashCode(CanonicalJson.bytes(signed)), keyId,
                java.util.Arrays.hashCode(signature));
    }
}
