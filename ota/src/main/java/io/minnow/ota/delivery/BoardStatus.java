package io.minnow.ota.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One board's update status, retained on {@code PREFIX/ota/status/DEVICE} (docs/ota.md has the schema).
 * Immutable.
 *
 * @param deviceId the board
 * @param state where the latest offer stands
 * @param release the release number it concerns (the offer's; for {@code active}, the active one)
 * @param activeRelease the release the board runs now (0: its first install)
 * @param bytes bytes downloaded (downloading)
 * @param size the bundle's size in bytes (downloading)
 * @param rateBytesPerSecond the download's current rate (downloading)
 * @param code the reason code of {@code rejected}, {@code rolled_back} and {@code failed}: the OTA core's
 *     codes (e.g. {@code bundle_digest}, {@code self_test_failed}) or delivery's ({@code disk_full}, {@code
 *     download_timeout}, ...)
 * @param message a sentence for people
 * @param at when the status was written
 */
public record BoardStatus(String deviceId, State state, OptionalLong release, long activeRelease, long bytes,
        long size, long rateBytesPerSecond, Optional<String> code, String message, Instant at) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The states of an offer on a board, in the order they normally come. */
    public enum State {
        OFFERED, DOWNLOADING, VERIFYING, ACTIVATING, ACTIVE, REJECTED, ROLLED_BACK, FAILED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** True for a state nothing more follows for this release. */
        public boolean isFinal() {
            return this == ACTIVE || this == REJECTED || this == ROLLED_BACK || this == FAILED;
        }
    }

    public BoardStatus {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
    }

    /** Percent downloaded, 0 to 100. */
    public int percent() {
        return size <= 0 ? 0 : (int) Math.min(100, bytes * 100 / size);
    }

    public byte[] toBytes() {
        ObjectNode n = JSON.createObjectNode().put("device_id", deviceId).put("state", state.wireName());
        if (release.isPresent()) {
            n.put("release", release.getAsLong());
        } else {
            n.putNull("release");
        }
        n.put("active_release", activeRelease);
        if (state == State.DOWNLOADING) {
            n.put("percent", percent()).put("bytes", bytes).put("size", size).put("rate_bytes_per_s", rateBytesPerSecond);
        }
        code.ifPresent(c -> n.put("code", c));
        n.put("message", message).put("at", at.toString());
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a status; throws IOException naming what is wrong. */
    public static BoardStatus parse(byte[] bytes) throws IOException {
        JsonNode n = JSON.readTree(bytes);
        if (n == null || !n.path("device_id").isTextual() || !n.path("state").isTextual()) {
            throw new IOException("an update status needs device_id and state");
        }
        State state;
        try {
            state = State.valueOf(n.path("state").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IOException("unknown update state " + n.path("state").asText());
        }
        OptionalLong release = n.path("release").isIntegralNumber() ? OptionalLong.of(n.path("release").asLong())
                : OptionalLong.empty();
        Optional<String> code = n.path("code").isTextual() ? Optional.of(n.path("code").asText()) : Optional.empty();
        Instant at;
        try {
            at = Instant.parse(n.path("at").asText());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IOException("update status 'at' is not an instant");
        }
        return new BoardStatus(n.path("device_id").asText(), state, release, n.path("active_release").asLong(),
                n.path("bytes").asLong(), n.path("size").asLong(), n.path("rate_bytes_per_s").asLong(), code,
                n.path("message").asText(), at);
    }
}
