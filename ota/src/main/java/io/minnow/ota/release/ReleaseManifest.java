package io.minnow.ota.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What a release says about itself, the {@code signed} part of a release file (docs/ota.md):
 *
 * <pre>{@code
 * {"type": "minnow-release", "model": "minnow-pump", "version": "4.0.0", "release": 4,
 *  "bundle": {"sha256": "9f86...", "size": 1318912}, "min_agent_version": "0.1.0",
 *  "target": {"all": true}, "created": "2026-12-08T01:00:00Z", "expires": "2027-01-07T01:00:00Z",
 *  "key_id": "3f2a9c0e11d4b7a2"}
 * }</pre>
 *
 * A rollback release adds {@code "rollback_from": N}: it may only replace release N, and is the only way to a
 * lower release number. Immutable and thread-safe.
 *
 * @param model the model name; must equal model.json's {@code name}
 * @param version the model version; must equal model.json's {@code version}
 * @param release the release number, which only grows from one release to the next (anti-downgrade)
 * @param rollbackFrom for a rollback release, the release it replaces; empty otherwise
 * @param bundleSha256 SHA-256 of the whole bundle file, 64 lower-case hex digits
 * @param bundleSize the bundle file's size in bytes
 * @param minAgentVersion the oldest agent version that can run this bundle
 * @param created when the release was signed
 * @param expires after this instant no board accepts the release (stops freeze attacks)
 * @param keyId the release key that signs it
 */
public record ReleaseManifest(
        String model,
        String version,
        long release,
        OptionalLong rollbackFrom,
        String bundleSha256,
        long bundleSize,
        String minAgentVersion,
        Target target,
        Instant created,
        Instant expires,
        String keyId) {

    /** The {@code type} of a release's signed part. */
    public static final String TYPE = "minnow-release";

    public ReleaseManifest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(rollbackFrom, "rollbackFrom");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(keyId, "keyId");
        if (release < 1) {
            throw new IllegalArgumentException("release must be at least 1, not " + release);
        }
        if (rollbackFrom.isPresent() && rollbackFrom.getAsLong() <= release) {
            throw new IllegalArgumentException("a rollback release must be below the release it replaces ("
                    + release + " is not below " + rollbackFrom.getAsLong() + ")");
        }
        if (bundleSha256 == null || !bundleSha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("bundle SHA-256 must be 64 lower-case hex digits, not " + bundleSha256);
        }
        if (bundleSize < 1) {
            throw new IllegalArgumentException("bundle size must be positive, not " + bundleSize);
        }
        if (!AgentVersion.valid(minAgentVersion)) {
            throw new IllegalArgumentException("min agent version must be dotted numbers like 0.1.0, not " + minAgentVersion);
        }
        if (!expires.isAfter(created)) {
            throw new IllegalArgumentException("expires (" + expires + ") must be after created (" + created + ")");
        }
    }

    /** True for a signed rollback release. */
    public boolean isRollback() {
        return rollbackFrom.isPresent();
    }

    /** The signed JSON object. */
    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("type", TYPE);
        out.put("model", model);
        out.put("version", version);
        out.put("release", release);
        rollbackFrom.ifPresent(r -> out.put("rollback_from", r));
        ObjectNode bundle = out.putObject("bundle");
        bundle.put("sha256", bundleSha256);
        bundle.put("size", bundleSize);
        out.put("min_agent_version", minAgentVersion);
        out.set("target", target.toJson());
        out.put("created", created.toString());
        out.put("expires", expires.toString());
        out.put("key_id", keyId);
        return out;
    }

    /**
     * Reads the signed part of a release file.
     *
     * @throws ReleaseFormatException naming the first bad field
     */
    public static ReleaseManifest read(JsonNode signed) throws ReleaseFormatException {
        JsonFields f = JsonFields.of("signed", signed, "type", "model", "version", "release", "rollback_from",
                "bundle", "min_agent_version", "target", "created", "expires", "key_id");
        f.rejectUnknown();
        String type = f.string("type");
        if (!TYPE.equals(type)) {
            throw new ReleaseFormatException(f.key("type"), "is \"" + type + "\"; expected \"" + TYPE + "\"");
        }
        JsonFields bundle = f.object("bundle", "sha256", "size");
        bundle.rejectUnknown();
        String sha = bundle.string("sha256");
        if (!sha.matches("[0-9a-f]{64}")) {
            throw new ReleaseFormatException(bundle.key("sha256"), "is \"" + sha + "\"; expected 64 lower-case hex digits");
        }
        String minAgent = f.string("min_agent_version");
        if (!AgentVersion.valid(minAgent)) {
            throw new ReleaseFormatException(f.key("min_agent_version"), "is \"" + minAgent
                    + "\"; expected dotted numbers like 0.1.0");
        }
        long release = f.integer("release", 1);
        OptionalLong rollbackFrom = f.has("rollback_from") ? OptionalLong.of(f.integer("rollback_from", 2))
                : OptionalLong.empty();
        if (rollbackFrom.isPresent() && rollbackFrom.getAsLong() <= release) {
            throw new ReleaseFormatException(f.key("rollback_from"), "is " + rollbackFrom.getAsLong()
                    + "; expected a release above this one (" + release + ")");
        }
        Instant created = f.instant("created");
        Instant expires = f.instant("expires");
        if (!expires.isAfter(created)) {
            throw new ReleaseFormatException(f.key("expires"), "is not after created");
        }
        return new ReleaseManifest(f.string("model"), f.string("version"), release, rollbackFrom, sha,
                bundle.integer("size", 1), minAgent, Target.read(f.object("target", "all", "devices", "groups")),
                created, expires, f.string("key_id"));
    }
}
