package io.minnow.ota.store;

import io.minnow.ota.verify.ReasonCode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One update attempt as the journal tells it: what was tried, and how it ended so far. Immutable.
 *
 * @param id the attempt id (also the inbox request id)
 * @param kind what was attempted
 * @param started when it began
 * @param release the release number, once known
 * @param what a short description: the model and version, or the release the rollback left
 * @param outcome where it stands
 * @param code why it was refused or undone
 * @param message the sentence that goes with {@code code} or {@code outcome}
 * @param ended when the outcome was recorded; empty while in progress
 */
public record Attempt(String id, Kind kind, Instant started, OptionalLong release, String what, Outcome outcome,
        Optional<ReasonCode> code, String message, Optional<Instant> ended) {

    /** What an attempt tried. */
    public enum Kind {
        /** The first install, from the jar or model.path. */
        FIRST_INSTALL,
        /** A signed release. */
        INSTALL,
        /** A rollback an operator asked for. */
        MANUAL_ROLLBACK,
        /** A rollback the agent made itself (failed health window, crash in the window). */
        AUTOMATIC_ROLLBACK
    }

    /** Where an attempt stands. */
    public enum Outcome {
        /** Begun, not ended. */
        IN_PROGRESS,
        /** Active, in its health window. */
        TRIAL,
        /** Active and confirmed (or a rollback done). */
        ACTIVATED,
        /** Refused; nothing changed. */
        REJECTED,
        /** Was active, then rolled back. */
        ROLLED_BACK,
        /** The board stopped during the attempt; the store recovered. */
        INTERRUPTED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** True once nothing more will happen to the attempt. */
        public boolean isFinal() {
            return this != IN_PROGRESS && this != TRIAL;
        }
    }

    public Attempt {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(release, "release");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(ended, "ended");
    }
}
