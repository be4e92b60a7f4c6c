package io.minnow.ota.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.ota.verify.ReasonCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code journal.jsonl}: one JSON line per event of an attempt ({@code begin}, then one or more {@code
 * outcome}s), appended and forced to disk before the step it announces. After a crash the journal tells which
 * attempt was under way, and the history of every attempt survives restarts. A line torn by a power cut can
 * only be the last one; it is skipped. Thread-safe (appends are serialized).
 */
public final class Journal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public Journal(Path file) {
        this.file = file;
    }

    /** Records that an attempt began. */
    public synchronized void begin(String id, Attempt.Kind kind, String what, Instant now) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("attempt", id).put("event", "begin").put("time", now.toString()).put("kind", kind.name().toLowerCase(
                java.util.Locale.ROOT)).put("what", what);
        append(n);
    }

    /** Records where an attempt stands now. */
    public synchronized void outcome(String id, Attempt.Outcome outcome, OptionalLong release, String what,
            Optional<ReasonCode> code, String message, Instant now) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("attempt", id).put("event", "outcome").put("time", now.toString()).put("outcome", outcome.wireName());
        release.ifPresent(r -> n.put("release", r));
        if (!what.isEmpty()) {
            n.put("what", what);
        }
        code.ifPresent(c -> n.put("code", c.wireName()));
        n.put("message", message);
        append(n);
    }

    /** Every attempt, oldest first, each with its latest outcome. */
    public synchronized List<Attempt> attempts() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<String, Attempt> byId = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                continue; // a line torn by a crash
            }
            if (n == null || !n.hasNonNull("attempt")) {
                continue;
            }
            fold(byId, n);
        }
        return new ArrayList<>(byId.values());
    }

    private static void fold(Map<String, Attempt> byId, JsonNode n) {
        String id = n.get("attempt").asText();
        Instant time = Instant.parse(n.path("time").asText());
        if ("begin".equals(n.path("event").asText())) {
            byId.put(id, new Attempt(id, Attempt.Kind.valueOf(n.path("kind").asText().toUpperCase(java.util.Locale.ROOT)),
                    time, OptionalLong.empty(), n.path("what").asText(""), Attempt.Outcome.IN_PROGRESS,
                    Optional.empty(), "", Optional.empty()));
            return;
        }
        Attempt a = byId.get(id);
        if (a == null) {
            return;
        }
        Attempt.Outcome outcome = Attempt.Outcome.valueOf(n.path("outcome").asText().toUpperCase(java.util.Locale.ROOT));
        OptionalLong release = n.has("release") ? OptionalLong.of(n.get("release").asLong()) : a.release();
        Optional<ReasonCode> code = n.has("code") ? Optional.of(ReasonCode.fromWireName(n.get("code").asText()))
                : Optional.empty();
        byId.put(id, new Attempt(id, a.kind(), a.started(), release, n.path("what").asText(a.what()), outcome, code,
                n.path("message").asText(""), outcome.isFinal() ? Optional.of(time) : Optional.empty()));
    }

    private void append(ObjectNode n) throws IOException {
        byte[] line = (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        boolean created = !Files.exists(file);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer b = ByteBuffer.wrap(line);
            while (b.hasRemaining()) {
                out.write(b);
            }
            out.force(true);
        }
        if (created) {
            AtomicFiles.syncDirectory(file.getParent());
        }
    }
}
