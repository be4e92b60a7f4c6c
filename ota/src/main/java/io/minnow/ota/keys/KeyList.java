package io.minnow.ota.keys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.ota.release.Ed25519;
import io.minnow.ota.release.JsonFields;
import io.minnow.ota.release.ReleaseFormatException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The release keys the root key vouches for, the {@code signed} part of a key list (docs/ota.md):
 *
 * <pre>{@code
 * {"type": "minnow-keys", "version": 2, "created": "...", "expires": "...",
 *  "keys": [{"id": "3f2a9c0e11d4b7a2", "public": "MCowBQYDK2VwAyEA..."}], "revoked": ["8b1e..."]}
 * }</pre>
 *
 * A board keeps the highest version it has accepted; a list with a higher version, signed by the root key,
 * replaces it (rotation). A key in {@code revoked} signs nothing from the moment a board sees that list, even
 * if an older list named it. Immutable and thread-safe.
 *
 * @param version grows with every new list
 * @param expires after this instant the list, and so every release signed by its keys, is refused until a
 *     newer list arrives
 */
public record KeyList(long version, Instant created, Instant expires, List<ReleaseKey> keys, List<String> revoked) {
    /** The {@code type} of a key list's signed part. */
    public static final String TYPE = "minnow-keys";

    public KeyList {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(expires, "expires");
        keys = List.copyOf(keys);
        revoked = List.copyOf(revoked);
        if (version < 1) {
            throw new IllegalArgumentException("key list version must be at least 1, not " + version);
        }
        for (ReleaseKey k : keys) {
            if (revoked.contains(k.id())) {
                throw new IllegalArgumentException("key " + k.id() + " is both listed and revoked");
            }
        }
    }

    /** The listed, not revoked, key with this id. */
    public Optional<ReleaseKey> key(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    public boolean isRevoked(String id) {
        return revoked.contains(id);
    }

    /** The next version of this list: one key more, same expiry rules, version + 1. */
    public KeyList withKey(ReleaseKey key, Instant now, Instant newExpiry) {
        List<ReleaseKey> next = new ArrayList<>(keys);
        next.add(key);
        return new KeyList(version + 1, now, newExpiry, next, revoked);
    }

    /** The next version of this list without {@code id}, which is revoked for good. */
    public KeyList withRevoked(String id, Instant now, Instant newExpiry) {
        List<ReleaseKey> next = new ArrayList<>(keys);
        next.removeIf(k -> k.id().equals(id));
        List<String> gone = new ArrayList<>(revoked);
        gone.add(id);
        return new KeyList(version + 1, now, newExpiry, next, gone);
    }

    public ObjectNode toJson() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("type", TYPE);
        out.put("version", version);
        out.put("created", created.toString());
        out.put("expires", expires.toString());
        ArrayNode list = out.putArray("keys");
        for (ReleaseKey k : keys) {
            list.addObject().put("id", k.id()).put("public", Ed25519.encodePublic(k.publicKey()));
        }
        revoked.forEach(out.putArray("revoked")::add);
        return out;
    }

    /** @throws ReleaseFormatException naming the first bad field */
    public static KeyList read(String path, JsonNode signed) throws ReleaseFormatException {
        JsonFields f = JsonFields.of(path, signed, "type", "version", "created", "expires", "keys", "revoked");
        f.rejectUnknown();
        if (!TYPE.equals(f.string("type"))) {
            throw new ReleaseFormatException(f.key("type"), "is \"" + f.string("type") + "\"; expected \"" + TYPE + "\"");
        }
        JsonNode list = f.node("keys");
        if (list == null || !list.isArray()) {
            throw new ReleaseFormatException(f.key("keys"), "is missing; expected an array of {id, public}");
        }
        List<ReleaseKey> keys = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonFields k = JsonFields.of(f.key("keys") + "[" + i + "]", list.get(i), "id", "public");
            k.rejectUnknown();
            try {
                keys.add(new ReleaseKey(k.string("id"), Ed25519.decodePublic(k.string("public"))));
            } catch (IllegalArgumentException e) {
                throw new ReleaseFormatException(k.key("public"), e.getMessage());
            }
        }
        try {
            return new KeyList(f.integer("version", 1), f.instant("created"), f.instant("expires"), keys,
                    f.strings("revoked"));
        } catch (IllegalArgumentException e) {
            throw new ReleaseFormatException(path, e.getMessage());
        }
    }
}
