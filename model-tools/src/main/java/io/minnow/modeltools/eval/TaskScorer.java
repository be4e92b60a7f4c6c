package io.minnow.modeltools.eval;

import io.minnow.modeltools.corpus.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides whether an answer is right, by the fields each task's answer must get right. Stateless and
 * thread-safe.
 *
 * <ul>
 *   <li>status: the severity and the list of reasons (sensor and direction, in order) must match; the values
 *       and limits copied into the line are reported separately as exact-line matches.
 *   <li>error code, maintenance and log: the whole answer must match (meaning and action, the manual's
 *       sentence, the category name).
 * </ul>
 */
public final class TaskScorer {

    /** Whether {@code actual} is a correct answer where {@code expected} is the reference. */
    public boolean correct(Task task, String expected, String actual) {
        Objects.requireNonNull(actual, "actual");
        if (task == Task.STATUS) {
            return statusFields(expected).equals(statusFields(actual));
        }
        return expected.trim().equals(actual.trim());
    }

    /**
     * Severity then {@code sensor direction} per reason, e.g. {@code [WARN, motor_temp high]}; an unparseable
     * line gives a list no reference has.
     */
    static List<String> statusFields(String line) {
        List<String> fields = new ArrayList<>();
        int colon = line.indexOf(':');
        if (colon < 0) {
            return List.of("unparseable", line);
        }
        String severity = line.substring(0, colon).trim();
        fields.add(severity);
        String rest = line.substring(colon + 1).trim();
        if (severity.equals("OK")) {
            fields.add(rest);
            return fields;
        }
        for (String reason : rest.split(";")) {
            String[] words = reason.trim().split(" ");
            fields.add(words.length >= 2 ? words[0] + " " + words[1] : reason.trim());
        }
        return fields;
    }
}
