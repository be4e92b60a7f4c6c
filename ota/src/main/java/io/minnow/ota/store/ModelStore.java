package io.minnow.ota.store;

import io.minnow.ota.release.Envelope;
import io.minnow.ota.release.ReleaseFile;
import io.minnow.ota.release.ReleaseFormatException;
import io.minnow.ota.verify.InstalledState;
import io.minnow.ota.verify.ReasonCode;
import io.minnow.ota.verify.VerifiedRelease;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model store on disk (docs/ota.md):
 *
 * <pre>
 * STATE_DIR/state.json        active, previous, trial, highest release, kept releases (replaced atomically)
 * STATE_DIR/journal.jsonl     every attempt and its outcome (appended, forced to disk)
 * STATE_DIR/keys.json         the newest key list accepted (root-signed)
 * STATE_DIR/releases/DIR/     bundle.minnow and release.json of each kept release
 * STATE_DIR/staging/ID/       an attempt's files before they are verified; emptied on every open
 * STATE_DIR/inbox/            install and rollback requests from the minnow command ({@link Inbox})
 * </pre>
 *
 * Every change is a new file or directory made durable and then one atomic rename, and {@link #open} repairs
 * whatever a crash left half-way (see {@link Recovery}), so a board always boots into a complete release:
 * the old one or the new one. One process at a time owns a store (a lock file); {@link #snapshot} reads it
 * from another process. Thread-safe: mutations are serialized.
 */
public final class ModelStore implements AutoCloseable {
    /** The bundle file's name in a release directory. */
    public static final String BUNDLE = "bundle.minnow";
    /** The release file's name in a release directory. */
    public static final String RELEASE = "release.json";
    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);

    private final Path dir;
    private final int keep;
    private final Clock clock;
    private final StateFile stateFile;
    private final Journal journal;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private StoreState state;

    private ModelStore(Path dir, int keep, Clock clock, FileChannel lockChannel, FileLock lock) throws StoreException {
        this.dir = dir;
        this.keep = keep;
        this.clock = clock;
        this.stateFile = new StateFile(dir.resolve("state.json"));
        this.journal = new Journal(dir.resolve("journal.jsonl"));
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.state = stateFile.read();
    }

    /**
     * Opens (creating it if needed), locks and repairs the store in {@code dir}.
     *
     * @param keep releases kept on disk, at least 2 (active and previous)
     * @throws StoreException if the directory cannot be used or another process holds it
     */
    public static ModelStore open(Path dir, int keep, Clock clock) throws StoreException {
        if (keep < 2) {
            throw new IllegalArgumentException("a store keeps at least 2 releases (active and previous), not " + keep);
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dir.resolve("releases"));
            Files.createDirectories(dir.resolve("staging"));
            Files.createDirectories(dir.resolve("inbox"));
            channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new StoreException("another process (an agent) is using the model store in " + dir);
            }
            ModelStore store = new ModelStore(dir, keep, clock, channel, lock);
            new Recovery(store).run();
            return store;
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw new StoreException("this process already has the model store in " + dir + " open", e);
        } catch (StoreException e) {
            close(channel);
            throw e;
        } catch (IOException e) {
            close(channel);
            throw new StoreException("the model store in " + dir + " cannot be used: " + e.getMessage(), e);
        }
    }

    /** What a store holds, read without taking it over: for the {@code minnow models} command and web pages. */
    public record Snapshot(StoreState state, List<Attempt> attempts) {
    }

    /** Reads the store in {@code dir} while another process may own it. */
    public static Snapshot snapshot(Path dir) throws IOException {
        return new Snapshot(new StateFile(dir.resolve("state.json")).read(),
                new Journal(dir.resolve("journal.jsonl")).attempts());
    }

    public Path directory() {
        return dir;
    }

    public synchronized StoreState state() {
        return state;
    }

    /** Every attempt, oldest first. */
    public List<Attempt> history() throws IOException {
        return journal.attempts();
    }

    /** The latest attempt, if any. */
    public Optional<Attempt> lastAttempt() throws IOException {
        List<Attempt> all = journal.attempts();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** The bundle file of a kept release. */
    public Path bundle(StoredRelease release) {
        return dir.resolve("releases").resolve(release.dir()).resolve(BUNDLE);
    }

    /** The active release's bundle; empty when nothing is installed. */
    public synchronized Optional<Path> activeBundle() {
        return state.activeRelease().map(this::bundle);
    }

    /** What verification checks a new release against. */
    public synchronized InstalledState installed() throws StoreException {
        return new InstalledState(state.activeReleaseNumber(), state.highestRelease(), keyList());
    }

    /** The newest key list accepted. */
    public Optional<Envelope> keyList() throws StoreException {
        Path file = dir.resolve("keys.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Envelope.read("keys.json", new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(file.toFile())));
        } catch (IOException | ReleaseFormatException e) {
            throw new StoreException(file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Installs {@code bundle} as release 0 when the store has no active release (a new board, or a state
     * directory moved aside): the jar's bundle or model.path is only ever this first install.
     *
     * @param source where the bundle comes from, for the journal (the jar's default bundle, model.path)
     * @return true if it was installed, false if a release was already active
     */
    public synchronized boolean firstInstall(Path bundle, String model, String version, String source)
            throws IOException {
        if (state.active().isPresent()) {
            return false;
        }
        String id = newId();
        String what = model + " " + version;
        journal.begin(id, Attempt.Kind.FIRST_INSTALL, what, clock.instant());
        Staged staged = stage(id, bundle, Optional.empty());
        StoredRelease r = new StoredRelease("0-" + id, 0, model, version, clock.instant());
        AtomicFiles.rename(staged.dir(), releases().resolve(r.dir()));
        List<StoredRelease> kept = new ArrayList<>(state.releases());
        kept.add(r);
        writeState(new StoreState(Optional.of(r.dir()), Optional.empty(), Optional.empty(), Optional.empty(),
                state.highestRelease(), kept), () -> { });
        journal.outcome(id, Attempt.Outcome.ACTIVATED, OptionalLong.of(0), what, Optional.empty(),
                "first install from " + source, clock.instant());
        return true;
    }

    /** A new attempt id: time-ordered and unique enough for one board. */
    public String newId() {
        return Long.toString(clock.millis(), 36) + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    }

    /** Records that an attempt began. */
    public void begin(String id, Attempt.Kind kind, String what) throws IOException {
        journal.begin(id, kind, what, clock.instant());
        CrashPoint.BEGUN.reach();
    }

    /** Files of an attempt in staging, not yet verified. */
    public record Staged(String id, Path dir, Path bundle, Optional<Path> releaseFile) {
    }

    /**
     * Copies an update's files into {@code staging/ID/}: verification then reads the copy that will be
     * activated, not a file someone could still change.
     */
    public Staged stage(String id, Path bundle, Optional<Path> releaseFile) throws IOException {
        Path d = dir.resolve("staging").resolve(id);
        AtomicFiles.deleteTree(d);
        Files.createDirectories(d);
        AtomicFiles.copy(bundle, d.resolve(BUNDLE));
        if (releaseFile.isPresent()) {
            AtomicFiles.copy(releaseFile.get(), d.resolve(RELEASE));
        }
        AtomicFiles.syncDirectory(d);
        CrashPoint.STAGED.reach();
        return new Staged(id, d, d.resolve(BUNDLE), releaseFile.map(f -> d.resolve(RELEASE)));
    }

    /** Removes an attempt's staging directory. */
    public void discard(Staged staged) throws IOException {
        AtomicFiles.deleteTree(staged.dir());
    }

    /** Moves a verified release from staging into {@code releases/}; it is kept but not active yet. */
    public synchronized StoredRelease store(Staged staged, VerifiedRelease release) throws IOException {
        StoredRelease r = new StoredRelease(release.manifest().release() + "-" + staged.id(),
                release.manifest().release(), release.model().name(), release.model().version(), clock.instant());
        AtomicFiles.rename(staged.dir(), releases().resolve(r.dir()));
        CrashPoint.RELEASE_STORED.reach();
        return r;
    }

    /** Deletes a stored release that never became active (its self-test failed). */
    public synchronized void remove(StoredRelease r) throws IOException {
        if (state.release(r.dir()).isPresent()) {
            throw new IllegalStateException("release " + r.dir() + " is kept by the state; it cannot be removed");
        }
        AtomicFiles.deleteTree(releases().resolve(r.dir()));
    }

    /**
     * Makes {@code r} active in trial (its health window), the active one previous, in one atomic state switch.
     * A newer key list the release brought is stored first.
     */
    public synchronized void activate(String id, StoredRelease r, Optional<Envelope> newKeyList) throws IOException {
        if (newKeyList.isPresent()) {
            AtomicFiles.write(dir.resolve("keys.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter().writeValueAsBytes(newKeyList.get().toJson()));
        }
        List<StoredRelease> kept = new ArrayList<>(state.releases());
        kept.add(r);
        writeState(new StoreState(Optional.of(r.dir()), state.active(), Optional.of(id), Optional.of(clock.instant()),
                Math.max(state.highestRelease(), r.release()), kept), CrashPoint.STATE_WRITTEN::reach);
        journal.outcome(id, Attempt.Outcome.TRIAL, OptionalLong.of(r.release()), r.describe(), Optional.empty(),
                "active; health window running", clock.instant());
        CrashPoint.STATE_SWITCHED.reach();
    }

    /** Ends the health window of attempt {@code id}: the active release is committed; old releases pruned. */
    public synchronized void confirm(String id, String message) throws IOException {
        if (!state.trialAttempt().equals(Optional.of(id))) {
            throw new IllegalStateException("attempt " + id + " is not in its health window");
        }
        writeState(new StoreState(state.active(), state.previous(), Optional.empty(), Optional.empty(),
                state.highestRelease(), state.releases()), () -> { });
        journal.outcome(id, Attempt.Outcome.ACTIVATED, OptionalLong.of(state.activeReleaseNumber()), "",
                Optional.empty(), message, clock.instant());
        prune();
        CrashPoint.COMMITTED.reach();
    }

    /**
     * Switches back to the previous release, dropping the active one, in one atomic state switch. The release
     * left behind stays counted in the highest release number, so its manifest cannot be replayed.
     *
     * @param trialOutcome how the attempt that activated the dropped release ends, if it was in trial
     * @return the release now active
     */
    public synchronized StoredRelease rollback(String id, Attempt.Kind kind, ReasonCode code, String message)
            throws IOException {
        StoredRelease back = state.previousRelease().orElseThrow(() -> new StoreException(
                "there is no previous release to roll back to"));
        StoredRelease dropped = state.activeRelease().orElseThrow();
        journal.begin(id, kind, "from " + dropped.describe() + " to " + back.describe(), clock.instant());
        List<StoredRelease> kept = new ArrayList<>(state.releases());
        kept.remove(dropped);
        Optional<String> older = kept.stream().filter(k -> !k.dir().equals(back.dir())).reduce((a, b) -> b)
                .map(StoredRelease::dir);
        Optional<String> trial = state.trialAttempt();
        writeState(new StoreState(Optional.of(back.dir()), older, Optional.empty(), Optional.empty(),
                state.highestRelease(), kept), () -> { });
        if (trial.isPresent()) {
            journal.outcome(trial.get(), Attempt.Outcome.ROLLED_BACK, OptionalLong.of(dropped.release()), "",
                    Optional.of(code), message, clock.instant());
        }
        journal.outcome(id, Attempt.Outcome.ACTIVATED, OptionalLong.of(back.release()), "",
                kind == Attempt.Kind.AUTOMATIC_ROLLBACK ? Optional.of(code) : Optional.empty(), message, clock.instant());
        AtomicFiles.deleteTree(releases().resolve(dropped.dir()));
        return back;
    }

    /** Records how an attempt ended without a state change (refused, failed self-test). */
    public void end(String id, Attempt.Outcome outcome, OptionalLong release, Optional<ReasonCode> code,
            String message) throws IOException {
        journal.outcome(id, outcome, release, "", code, message, clock.instant());
    }

    /** The release file of a kept release, if it was signed. */
    public Optional<ReleaseFile> releaseFile(StoredRelease r) throws IOException {
        Path f = releases().resolve(r.dir()).resolve(RELEASE);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ReleaseFile.read(f));
        } catch (ReleaseFormatException e) {
            throw new StoreException(f + " is damaged: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("releasing the store lock", e);
        }
        close(lockChannel);
    }

    Path releases() {
        return dir.resolve("releases");
    }

    Journal journal() {
        return journal;
    }

    Clock clock() {
        return clock;
    }

    synchronized void writeState(StoreState next, Runnable beforeRename) throws IOException {
        stateFile.write(next, beforeRename);
        state = next;
    }

    /** Keeps the newest {@code keep} releases, always with active and previous; deletes the rest. */
    private void prune() throws IOException {
        List<StoredRelease> kept = new ArrayList<>(state.releases());
        List<StoredRelease> drop = new ArrayList<>();
        for (StoredRelease r : state.releases()) {
            if (kept.size() - drop.size() <= keep) {
                break;
            }
            if (!state.active().equals(Optional.of(r.dir())) && !state.previous().equals(Optional.of(r.dir()))) {
                drop.add(r);
            }
        }
        if (drop.isEmpty()) {
            return;
        }
        kept.removeAll(drop);
        writeState(new StoreState(state.active(), state.previous(), state.trialAttempt(), state.trialSince(),
                state.highestRelease(), kept), () -> { });
        for (StoredRelease r : drop) {
            AtomicFiles.deleteTree(releases().resolve(r.dir()));
        }
    }

    private static void close(FileChannel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.debug("closing the store lock file", e);
            }
        }
    }
}
