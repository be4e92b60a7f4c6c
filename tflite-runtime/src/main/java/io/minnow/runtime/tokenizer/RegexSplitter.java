package io.minnow.runtime.tokenizer;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits text at the matches of a pattern, keeping matches as Hugging Face's split behaviours say. Thread-safe. */
final class RegexSplitter {

    /** What becomes of a delimiter (a match, or a non-match when inverted). */
    enum Behavior {
        REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS;

        static Behavior fromJson(String name) {
            return switch (name) {
                case "Removed" -> REMOVED;
                case "Isolated" -> ISOLATED;
                case "MergedWithPrevious" -> MERGED_WITH_PREVIOUS;
                case "MergedWithNext" -> MERGED_WITH_NEXT;
                case "Contiguous" -> CONTIGUOUS;
                default -> throw new TokenizerFormatException("pre_tokenizer Split behavior '" + name + "'",
                        "is not supported (supported: Removed, Isolated, MergedWithPrevious, MergedWithNext, "
                                + "Contiguous)");
            };
        }
    }

    private final Pattern pattern;
    private final Behavior behavior;
    private final boolean invert;

    RegexSplitter(Pattern pattern, Behavior behavior, boolean invert) {
        this.pattern = pattern;
        this.behavior = behavior;
        this.invert = invert;
    }

    /** Appends the non-empty pieces of {@code text} to {@code out}. */
    void split(String text, List<String> out) {
        if (text.isEmpty()) {
            return;
        }
        // Segments cover the text in order: bounds[2i]..bounds[2i+1], delimiter[i].
        int[] bounds = new int[8];
        boolean[] delimiter = new boolean[4];
        int count = 0;
        Matcher matcher = pattern.matcher(text);
        int previousEnd = 0;
        while (matcher.find()) {
            if (matcher.start() == matcher.end()) {
                continue;
            }
            if (count + 2 > delimiter.length) {
                bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
                delimiter = java.util.Arrays.copyOf(delimiter, delimiter.length * 2);
            }
            if (previousEnd < matcher.start()) {
                bounds[2 * count] = previousEnd;
                bounds[2 * count + 1] = matcher.start();
                delimiter[count++] = invert;
            }
            bounds[2 * count] = matcher.start();
            bounds[2 * count + 1] = matcher.end();
            delimiter[count++] = !invert;
            previousEnd = matcher.end();
        }
        if (previousEnd < text.length()) {
            if (count + 1 > delimiter.length) {
                bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
                delimiter = java.util.Arrays.copyOf(delimiter, delimiter.length * 2);
            }
            bounds[2 * count] = previousEnd;
            bounds[2 * count + 1] = text.length();
            delimiter[count++] = invert;
        }
        switch (behavior) {
            case ISOLATED -> {
                for (int i = 0; i < count; i++) {
                    out.add(text.substring(bounds[2 * i], bounds[2 * i + 1]));
                }
            }
            case REMOVED -> {
                for (int i = 0; i < count; i++) {
                    if (!delimiter[i]) {
                        out.add(text.substring(bounds[2 * i], bounds[2 * i + 1]));
                    }
                }
            }
            case CONTIGUOUS -> {
                for (int i = 0; i < count; i++) {
                    int start = bounds[2 * i];
                    while (delimiter[i] && i + 1 < count && delimiter[i + 1]) {
                        i++;
                    }
                    out.add(text.substring(start, bounds[2 * i + 1]));
                }
            }
            case MERGED_WITH_PREVIOUS -> {
                // A delimiter joins the piece before it unless that piece was itself a delimiter.
                int open = -1;
                for (int i = 0; i < count; i++) {
                    if (delimiter[i] && i > 0 && !delimiter[i - 1]) {
                        continue;
                    }
                    if (open >= 0) {
                        out.add(text.substring(open, bounds[2 * i]));
                    }
                    open = bounds[2 * i];
                }
                out.add(text.substring(open));
            }
            case MERGED_WITH_NEXT -> {
                // A delimiter joins the piece after it unless that piece is itself a delimiter.
                int open = bounds[0];
                for (int i = 1; i < count; i++) {
                    if (!delimiter[i] && delimiter[i - 1]) {
                        continue;
                    }
                    out.add(text.substring(open, bounds[2 * i]));
                    open = bounds[2 * i];
                }
                out.add(text.substring(open));
            }
            default -> throw new IllegalStateException(behavior.name());
        }
    }
}
