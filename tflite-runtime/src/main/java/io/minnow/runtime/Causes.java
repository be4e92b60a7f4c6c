package io.minnow.runtime;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line that says why something failed: each exception of the cause chain as {@code Type: message},
 * joined by {@code "; caused by "}. A bare {@code getMessage()} is not enough: it is {@code null} for an
 * {@link ExceptionInInitializerError}, whose real reason is its cause. Stateless.
 */
public final class Causes {
    private static final int MAX_DEPTH = 8;

    private Causes() {}

    /**
     * Describes {@code failure} and its causes. A cause whose message the previous line already quotes (the
     * usual {@code "x failed: " + cause.getMessage()}) still gets its type named, but its message is not
     * repeated.
     */
    public static String describe(Throwable failure) {
        List<String> parts = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        String previous = "";
        for (Throwable t = failure; t != null && parts.size() < MAX_DEPTH && seen.put(t, true) == null;
                t = t.getCause()) {
            String message = t.getMessage();
            String type = t.getClass().getSimpleName();
            if (message == null || message.isBlank()) {
                parts.add(type);
            } else if (!previous.isEmpty() && previous.contains(message)) {
                parts.add(type);
            } else {
                parts.add(type + ": " + message);
            }
            previous = message == null ? previous : message;
        }
        return String.join("; caused by ", parts);
    }
}
