package io.minnow.modeltools.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises held-out wordings inside generated inputs. Each held-out error form, question frame and log
 * template becomes a case-insensitive pattern whose placeholders match any text, and an input is held out if
 * one of them occurs anywhere in it (so filler words around it do not hide it). The compositional corpus
 * draws again whenever a combination of keywords and shapes happens to spell a held-out wording, which keeps
 * the evaluation's wordings unseen. Immutable and thread-safe.
 */
public final class HeldOutWordings {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z0-9]+\\}");

    private final List<Pattern> patterns;

    public HeldOutWordings(Phrasings phrasings) {
        List<String> wordings = new ArrayList<>(phrasings.errorForms().heldOut());
        phrasings.questionFrames().values().forEach(s -> wordings.addAll(s.heldOut()));
        phrasings.logTemplates().values().forEach(s -> wordings.addAll(s.heldOut()));
        List<Pattern> compiled = new ArrayList<>();
        for (String w : wordings) {
            compiled.add(toPattern(w));
        }
        this.patterns = List.copyOf(compiled);
    }

    /** Whether {@code input} contains a held-out wording (placeholders filled with anything, any case). */
    public boolean contains(String input) {
        String text = input.toLowerCase(Locale.ROOT);
        return patterns.stream().anyMatch(p -> p.matcher(text).find());
    }

    private static Pattern toPattern(String wording) {
        StringBuilder regex = new StringBuilder();
        var m = PLACEHOLDER.matcher(wording.toLowerCase(Locale.ROOT));
        int last = 0;
        String lower = wording.toLowerCase(Locale.ROOT);
        while (m.find()) {
            regex.append(Pattern.quote(lower.substring(last, m.start()))).append(".+?");
            last = m.end();
        }
        regex.append(Pattern.quote(lower.substring(last)));
        // A wording that is only a placeholder, such as "{code}", would match everything; none is held out.
        if (regex.toString().equals(".+?")) {
            throw new IllegalArgumentException("a held-out wording must have words besides its placeholder: " + wording);
        }
        return Pattern.compile(regex.toString());
    }
}
