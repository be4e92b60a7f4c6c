package io.minnow.runtime.generate;

import java.util.List;

/**
 * Watches generated text for stop strings, which may arrive split over several tokens. Text that could still
 * turn out to be the start of a stop string is held back; a matched stop string and anything after it are
 * never released.
 *
 * <p>Not thread-safe: one per generation.
 */
final class StopStrings {
    private final List<String> stops;
    private final StringBuilder held = new StringBuilder();
    private boolean stopped;

    StopStrings(List<String> stops) {
        this.stops = List.copyOf(stops);
    }

    /** Appends text and returns what is now safe to release; after a match, returns the text before it. */
    String accept(String text) {
        if (stopped) {
            return "";
        }
        held.append(text);
        int match = earliestMatch();
        if (match >= 0) {
            stopped = true;
            String released = held.substring(0, match);
            held.setLength(0);
            return released;
        }
        int keep = longestPartialMatch();
        String released = held.substring(0, held.length() - keep);
        held.delete(0, held.length() - keep);
        return released;
    }

    /** Whether a stop string has matched. */
    boolean stopped() {
        return stopped;
    }

    /** Releases text held back as a possible stop-string start, for when generation ends for another reason. */
    String flush() {
        String rest = stopped ? "" : held.toString();
        held.setLength(0);
        return rest;
    }

    private int earliestMatch() {
        int earliest = -1;
        for (String stop : stops) {
            int at = held.indexOf(stop);
            if (at >= 0 && (earliest < 0 || at < earliest)) {
                earliest = at;
            }
        }
        return earliest;
    }

    /** Length of the longest suffix of the held text that is a proper prefix of some stop string. */
    private int longestPartialMatch() {
        String text = held.toString();
        int best = 0;
        for (String stop : stops) {
            int max = Math.min(stop.length() - 1, text.length());
            for (int len = max; len > best; len--) {
                if (text.regionMatches(text.length() - len, stop, 0, len)) {
                    best = len;
                    break;
                }
            }
        }
        return best;
    }
}
