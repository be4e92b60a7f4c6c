package io.minnow.ota.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The store's whole switchable state, {@code state.json}: which release is active, which is previous, whether
 * the active one is still in its health window, the highest release ever activated, and the releases kept.
 * It is only ever replaced as a whole ({@link AtomicFiles#write}), so {@code active} and {@code previous}
 * switch together. Immutable.
 *
 * @param active the active release's directory; empty only in a store that never had a model
 * @param previous the release a rollback returns to
 * @param trialAttempt while the active release is in its health window, the attempt that activated it; a
 *     board that boots in this state rolls back (the attempt never confirmed the release)
 * @param trialSince when the health window began
 * @param highestRelease the highest release number ever activated (anti-replay)
 * @param releases every kept release, oldest first
 */
public record StoreState(Optional<String> active, Optional<String> previous, Optional<String> trialAttempt,
        Optional<Instant> trialSince, long highestRelease, List<StoredRelease> releases) {
    /** A store with nothing installed. */
    public static final StoreState EMPTY = new StoreState(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), 0, List.of());

    public StoreState {
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(trialAttempt, "trialAttempt");
        Objects.requireNonNull(trialSince, "trialSince");
        releases = List.copyOf(releases);
        for (Optional<String> named : List.of(active, previous)) {
            if (named.isPresent() && releases.stream().noneMatch(r -> r.dir().equals(named.get()))) {
                throw new IllegalArgumentException("state names release " + named.get() + " which it does not keep");
            }
        }
    }

    public Optional<StoredRelease> activeRelease() {
        return active.flatMap(this::release);
    }

    public Optional<StoredRelease> previousRelease() {
        return previous.flatMap(this::release);
    }

    public Optional<StoredRelease> release(String dir) {
        return releases.stream().filter(r -> r.dir().equals(dir)).findFirst();
    }

    /** True while the active release is in its health window. */
    public boolean inTrial() {
        return trialAttempt.isPresent();
    }

    /** The active release's number; 0 when nothing or the first install is active. */
    public long activeReleaseNumber() {
        return activeRelease().map(StoredRelease::release).orElse(0L);
    }
}
