package io.minnow.ota.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and atomically replaces {@code state.json}. Stateless apart from the path; not thread-safe alone. */
final class StateFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int FORMAT = 1;

    private final Path file;

    StateFile(Path file) {
        this.file = file;
    }

    StoreState read() throws StoreException {
        if (!Files.exists(file)) {
            return StoreState.EMPTY;
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n.path("format").asInt() != FORMAT) {
                throw new StoreException(file + " has format " + n.path("format") + "; this agent reads format " + FORMAT);
            }
            List<StoredRelease> releases = new ArrayList<>();
            for (JsonNode r : n.path("releases")) {
                releases.add(new StoredRelease(r.path("dir").asText(), r.path("release").asLong(),
                        r.path("model").asText(), r.path("version").asText(), Instant.parse(r.path("installed").asText())));
            }
            return new StoreState(text(n, "active"), text(n, "previous"), text(n, "trial_attempt"),
                    text(n, "trial_since").map(Instant::parse), n.path("highest_release").asLong(), releases);
        } catch (IOException | RuntimeException e) {
            // Only ever replaced by rename, so a broken file means outside damage, not a torn write.
            throw new StoreException(file + " cannot be read (" + e.getMessage() + "); restore it or move the state"
                    + " directory aside to start from the first install", e);
        }
    }

    void write(StoreState s, Runnable beforeRename) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", FORMAT);
        s.active().ifPresent(a -> n.put("active", a));
        s.previous().ifPresent(p -> n.put("previous", p));
        s.trialAttempt().ifPresent(t -> n.put("trial_attempt", t));
        s.trialSince().ifPresent(t -> n.put("trial_since", t.toString()));
        n.put("highest_release", s.highestRelease());
        ArrayNode list = n.putArray("releases");
        for (StoredRelease r : s.releases()) {
            list.addObject().put("dir", r.dir()).put("release", r.release()).put("model", r.model())
                    .put("version", r.version()).put("installed", r.installed().toString());
        }
        AtomicFiles.write(file, JSON.writeValueAsBytes(n), beforeRename);
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(n.get(field).asText()) : Optional.empty();
    }
}
