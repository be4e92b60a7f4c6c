package io.minnow.ota.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Requests handed to the running agent through the state directory: {@code minnow install} and {@code minnow
 * rollback} (another process, maybe another user) drop a request here and wait for its attempt id in the
 * journal. A request is a directory {@code inbox/ID/} holding {@code request.json} ({@code {"action":
 * "install"}} or {@code "rollback"}) and, for an install, {@code bundle.minnow} and {@code release.json}; it is
 * assembled under a dot-name and renamed into place, so the agent never sees half a request. Thread-safe.
 */
public final class Inbox {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;

    /** @param stateDir the store's directory */
    public Inbox(Path stateDir) {
        this.dir = stateDir.resolve("inbox");
    }

    /** What a request asks. */
    public enum Action { INSTALL, ROLLBACK }

    /** One request: its id (the attempt id it will be journaled under) and files. */
    public record Request(String id, Action action, Path dir) {
        public Path bundle() {
            return dir.resolve(ModelStore.BUNDLE);
        }

        public Path releaseFile() {
            return dir.resolve(ModelStore.RELEASE);
        }
    }

    /** A new request id, ordered by time like {@link ModelStore#newId()}. */
    public static String newId() {
        return Long.toString(System.currentTimeMillis(), 36)
                + Long.toString(java.util.concurrent.ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    }

    /** Drops an install request; returns its id. */
    public String submitInstall(String id, Path bundle, Path releaseFile) throws IOException {
        return submit(id, Action.INSTALL, Optional.of(bundle), Optional.of(releaseFile));
    }

    /** Drops a rollback request; returns its id. */
    public String submitRollback(String id) throws IOException {
        return submit(id, Action.ROLLBACK, Optional.empty(), Optional.empty());
    }

    private String submit(String id, Action action, Optional<Path> bundle, Optional<Path> release) throws IOException {
        Files.createDirectories(dir);
        Path part = dir.resolve("." + id + ".part");
        AtomicFiles.deleteTree(part);
        Files.createDirectories(part);
        if (bundle.isPresent()) {
            AtomicFiles.copy(bundle.get(), part.resolve(ModelStore.BUNDLE));
            AtomicFiles.copy(release.orElseThrow(), part.resolve(ModelStore.RELEASE));
        }
        AtomicFiles.write(part.resolve("request.json"), JSON.writeValueAsBytes(JSON.createObjectNode()
                .put("action", action.name().toLowerCase(java.util.Locale.ROOT))));
        AtomicFiles.rename(part, dir.resolve(id));
        return id;
    }

    /** Complete requests, oldest id first. Unreadable ones are removed. */
    public List<Request> pending() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> dirs;
        try (Stream<Path> list = Files.list(dir)) {
            dirs = list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
        List<Request> out = new java.util.ArrayList<>();
        for (Path d : dirs) {
            try {
                JsonNode n = JSON.readTree(d.resolve("request.json").toFile());
                out.add(new Request(d.getFileName().toString(), Action.valueOf(n.path("action").asText()
                        .toUpperCase(java.util.Locale.ROOT)), d));
            } catch (IOException | IllegalArgumentException e) {
                AtomicFiles.deleteTree(d);
            }
        }
        return out;
    }

    /** Removes a handled request. */
    public void done(Request r) throws IOException {
        AtomicFiles.deleteTree(r.dir());
    }
}
