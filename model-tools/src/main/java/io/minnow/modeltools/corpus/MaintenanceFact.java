package io.minnow.modeltools.corpus;

import java.util.List;
import java.util.Objects;

/**
 * One maintenance fact: how it is asked about ({@code kind}), the names people use for its subject and the
 * answer from the manual. Immutable.
 */
public record MaintenanceFact(Kind kind, List<String> topics, String answer) {

    /** The shape of the question: an interval ("how often"), a value ("what is") or a procedure ("how do I"). */
    public enum Kind { INTERVAL, VALUE, PROCEDURE }

    public MaintenanceFact {
        Objects.requireNonNull(kind, "kind");
        topics = List.copyOf(topics);
        if (topics.isEmpty() || topics.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("maintenance fact '" + answer + "' needs at least one topic, and no blank one");
        }
        if (answer == null || answer.isBlank()) {
            throw new IllegalArgumentException("maintenance fact about '" + topics.get(0) + "' has no answer");
        }
    }
}
