package io.minnow.ota.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.ota.store.AtomicFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rollout campaign's state on the admin's disk (one JSON file, rewritten atomically after every change), so
 * that a restarted {@code minnow-admin rollout resume} carries on where it stopped and {@code pause} and
 * {@code abort} from another shell reach the running one. Not thread-safe; the file is the shared truth.
 */
final class Campaign {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the campaign stands. */
    enum Status { RUNNING, PAUSED, HALTED, ABORTED, DONE }

    final Path file;
    Path release;
    long releaseNumber;
    List<URI> urls = new ArrayList<>();
    List<List<String>> waves = new ArrayList<>();
    double maxFailureRate;
    long waveTimeoutS;
    int nextWave;
    Status status = Status.RUNNING;
    String reason = "";
    /** Board id to its last final state for this release (active, rejected, ...). */
    Map<String, String> results = new LinkedHashMap<>();

    Campaign(Path file) {
        this.file = file;
    }

    static Campaign read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no campaign at " + file + "; start one with minnow-admin rollout start");
        }
        JsonNode n = JSON.readTree(file.toFile());
        Campaign c = new Campaign(file);
        c.release = Path.of(n.path("release_file").asText());
        c.releaseNumber = n.path("release").asLong();
        n.path("urls").forEach(u -> c.urls.add(URI.create(u.asText())));
        n.path("waves").forEach(w -> {
            List<String> wave = new ArrayList<>();
            w.forEach(b -> wave.add(b.asText()));
            c.waves.add(wave);
        });
        c.maxFailureRate = n.path("max_failure_rate").asDouble();
        c.waveTimeoutS = n.path("wave_timeout_s").asLong(600);
        c.nextWave = n.path("next_wave").asInt();
        c.status = Status.valueOf(n.path("status").asText("running").toUpperCase(Locale.ROOT));
        c.reason = n.path("reason").asText("");
        n.path("results").fields().forEachRemaining(e -> c.results.put(e.getKey(), e.getValue().asText()));
        return c;
    }

    void write() throws IOException {
        ObjectNode n = JSON.createObjectNode().put("release_file", release.toAbsolutePath().toString())
                .put("release", releaseNumber);
        ArrayNode u = n.putArray("urls");
        urls.forEach(x -> u.add(x.toString()));
        ArrayNode w = n.putArray("waves");
        for (List<String> wave : waves) {
            ArrayNode a = w.addArray();
            wave.forEach(a::add);
        }
        n.put("max_failure_rate", maxFailureRate).put("wave_timeout_s", waveTimeoutS).put("next_wave", nextWave)
                .put("status", status.name().toLowerCase(Locale.ROOT)).put("reason", reason);
        ObjectNode r = n.putObject("results");
        results.forEach(r::put);
        AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
    }

    /** The status another shell may have written meanwhile (pause, abort). */
    Status statusOnDisk() throws IOException {
        return read(file).status;
    }

    /** Splits boards into the canary wave and waves of {@code size}. */
    static List<List<String>> plan(List<String> boards, int canary, int size) {
        List<List<String>> waves = new ArrayList<>();
        if (canary > 0) {
            waves.add(List.copyOf(boards.subList(0, Math.min(canary, boards.size()))));
        }
        for (int i = Math.min(canary, boards.size()); i < boards.size(); i += size) {
            waves.add(List.copyOf(boards.subList(i, Math.min(boards.size(), i + size))));
        }
        return waves;
    }
}
