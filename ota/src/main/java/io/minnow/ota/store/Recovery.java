package io.minnow.ota.store;

import io.minnow.ota.verify.ReasonCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repairs what a crash left half-way, run by {@link ModelStore#open} before anything else touches the store:
 * <ol>
 *   <li>staging is emptied (files of attempts that never got verified and stored);</li>
 *   <li>a release still in its health window is rolled back (it was never confirmed: the board may have died
 *       because of it), as Mender does with an uncommitted update;</li>
 *   <li>attempts the journal shows as unfinished are ended as {@code interrupted};</li>
 *   <li>release directories the state does not name are deleted (stored by an attempt that never switched);</li>
 *   <li>if the active release's bundle is gone (outside damage), the previous one becomes active.</li>
 * </ol>
 * Every step is itself made of atomic operations, so a crash during recovery is repaired by the next one.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final ModelStore store;

    Recovery(ModelStore store) {
        this.store = store;
    }

    void run() throws IOException {
        AtomicFiles.deleteTree(store.directory().resolve("staging"));
        Files.createDirectories(store.directory().resolve("staging"));
        StoreState s = store.state();
        if (s.inTrial()) {
            if (s.previous().isPresent()) {
                LOG.warn("the agent stopped during the health window of {}; rolling back to {}",
                        s.activeRelease().map(StoredRelease::describe).orElse("?"),
                        s.previousRelease().map(StoredRelease::describe).orElse("?"));
                store.rollback(store.newId(), Attempt.Kind.AUTOMATIC_ROLLBACK, ReasonCode.INTERRUPTED,
                        "the agent stopped before the health window of the new release ended");
            } else {
                store.writeState(new StoreState(s.active(), s.previous(), Optional.empty(), Optional.empty(),
                        s.highestRelease(), s.releases()), () -> { });
            }
        }
        for (Attempt a : store.journal().attempts()) {
            boolean activeFromIt = store.state().active().map(d -> d.endsWith("-" + a.id())).orElse(false);
            if (a.outcome() == Attempt.Outcome.TRIAL && activeFromIt) {
                store.end(a.id(), Attempt.Outcome.ACTIVATED, a.release(), Optional.empty(),
                        "confirmed just before the agent stopped");
            } else if (!a.outcome().isFinal()) {
                store.end(a.id(), Attempt.Outcome.INTERRUPTED, a.release(), Optional.of(ReasonCode.INTERRUPTED),
                        "the agent stopped during this attempt; the store kept " + store.state().activeRelease()
                                .map(StoredRelease::describe).orElse("no release") + " active");
            }
        }
        removeUnnamedReleases();
        StoreState now = store.state();
        if (now.activeRelease().isPresent() && !Files.isRegularFile(store.bundle(now.activeRelease().get()))) {
            LOG.error("the active release's bundle {} is missing", store.bundle(now.activeRelease().get()));
            if (now.previous().isPresent() && Files.isRegularFile(store.bundle(now.previousRelease().get()))) {
                store.rollback(store.newId(), Attempt.Kind.AUTOMATIC_ROLLBACK, ReasonCode.STORE_ERROR,
                        "the active release's bundle file is missing");
            } else {
                store.writeState(StoreState.EMPTY, () -> { });
            }
        }
    }

    private void removeUnnamedReleases() throws IOException {
        StoreState s = store.state();
        List<Path> dirs;
        try (Stream<Path> list = Files.list(store.releases())) {
            dirs = list.toList();
        }
        for (Path d : dirs) {
            String name = d.getFileName().toString();
            if (s.release(name).isEmpty()) {
                LOG.info("removing {}: stored by an attempt that never activated it", d);
                AtomicFiles.deleteTree(d);
            }
        }
        AtomicFiles.syncDirectory(store.releases());
    }

}
