package io.minnow.ota.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.ota.release.ReleaseFile;
import io.minnow.ota.release.ReleaseFormatException;
import io.minnow.ota.release.ReleaseManifest;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A release offered to boards over MQTT: the signed release file exactly as minnow-admin sign wrote it, and
 * where to get the bundle. The offer itself is not signed: its sources are only hints, since every byte
 * fetched is checked against the signed SHA-256 and the release goes through the board's full verification.
 * Wire form (docs/ota.md): {@code {"type":"minnow-offer","release":{...release file...},"sources":[{"http":
 * "https://..."}],"offered":"2026-..."}}. Immutable.
 *
 * @param release the signed release
 * @param releaseBytes the release file's bytes, handed unchanged to the store
 * @param http HTTP(S) URLs of the bundle, tried in order
 * @param offered when the admin made the offer
 */
public record Offer(ReleaseFile release, byte[] releaseBytes, List<URI> http, Instant offered) {
    /** The offer's {@code type}. */
    public static final String TYPE = "minnow-offer";
    private static final ObjectMapper JSON = new ObjectMapper();

    public Offer {
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(releaseBytes, "releaseBytes");
        http = List.copyOf(http);
        Objects.requireNonNull(offered, "offered");
        if (http.isEmpty()) {
            throw new IllegalArgumentException("an offer needs at least one source");
        }
    }

    public ReleaseManifest manifest() {
        return release.manifest();
    }

    /** The wire form. */
    public byte[] toBytes() {
        try {
            ObjectNode n = JSON.createObjectNode().put("type", TYPE);
            n.set("release", JSON.readTree(releaseBytes));
            ArrayNode sources = n.putArray("sources");
            http.forEach(u -> sources.addObject().put("http", u.toString()));
            n.put("offered", offered.toString());
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException("the release bytes were parsed before", e);
        }
    }

    /**
     * Parses an offer.
     *
     * @throws ReleaseFormatException naming the field that is wrong
     */
    public static Offer parse(byte[] bytes) throws ReleaseFormatException {
        JsonNode n;
        try {
            n = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new ReleaseFormatException("(offer)", "is not JSON: " + e.getMessage());
        }
        if (n == null || !TYPE.equals(n.path("type").asText())) {
            throw new ReleaseFormatException("type", "is not \"" + TYPE + "\"");
        }
        JsonNode rel = n.path("release");
        if (!rel.isObject()) {
            throw new ReleaseFormatException("release", "is missing; expected the signed release file");
        }
        byte[] relBytes = rel.toString().getBytes(StandardCharsets.UTF_8);
        ReleaseFile release = ReleaseFile.parse(relBytes);
        List<URI> http = new ArrayList<>();
        for (JsonNode s : n.path("sources")) {
            if (s.has("http")) {
                http.add(url(s.path("http").asText()));
            }
        }
        if (http.isEmpty()) {
            throw new ReleaseFormatException("sources", "names no source this board can use; expected {\"http\": URL}");
        }
        Instant offered;
        try {
            offered = Instant.parse(n.path("offered").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ReleaseFormatException("offered", "is not an ISO-8601 instant");
        }
        return new Offer(release, relBytes, http, offered);
    }

    private static URI url(String text) throws ReleaseFormatException {
        try {
            URI u = new URI(text);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ReleaseFormatException("sources.http", "is " + text + "; expected an http:// or https:// URL");
    }
}
