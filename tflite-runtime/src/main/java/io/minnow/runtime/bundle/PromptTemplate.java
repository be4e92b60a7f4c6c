package io.minnow.runtime.bundle;

import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.tokenizer.PromptText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A prompt with {@code {{name}}} placeholders (names are letters, digits and {@code _}; spaces inside the
 * braces are allowed). Values are inserted literally: a value containing {@code {{x}}} is not expanded, and
 * one containing a special-token string such as {@code <|endoftext|>} is encoded as those characters.
 * A literal {@code {{} cannot appear in a template.
 *
 * <p>Immutable and thread-safe.
 */
public final class PromptTemplate {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String name;
    private final List<String> literals;
    private final List<String> slots;
    private final Set<String> placeholders;

    private PromptTemplate(String name, List<String> literals, List<String> slots) {
        this.name = name;
        this.literals = List.copyOf(literals);
        this.slots = List.copyOf(slots);
        this.placeholders = Set.copyOf(new LinkedHashSet<>(slots));
    }

    /**
     * Parses a template.
     *
     * @param field where the template lives, for errors (e.g. {@code templates.classify})
     * @throws InvalidFieldException naming {@code field} for an unclosed {@code {{} or a bad placeholder name
     */
    public static PromptTemplate parse(String field, String name, String text) {
        InvalidFieldException.require(text != null, field, "is missing");
        List<String> literals = new ArrayList<>();
        List<String> slots = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = text.indexOf("{{", at);
            if (open < 0) {
                literals.add(text.substring(at));
                break;
            }
            int close = text.indexOf("}}", open + 2);
            InvalidFieldException.require(close >= 0, field, "has an unclosed {{ at offset " + open);
            String slot = text.substring(open + 2, close).strip();
            InvalidFieldException.require(NAME.matcher(slot).matches(), field,
                    "placeholder {{" + slot + "}} at offset " + open + " is not a name (letters, digits, _)");
            literals.add(text.substring(at, open));
            slots.add(slot);
            at = close + 2;
        }
        return new PromptTemplate(name, literals, slots);
    }

    public String name() {
        return name;
    }

    /** The placeholder names the template uses. */
    public Set<String> placeholders() {
        return placeholders;
    }

    /**
     * The template with every placeholder replaced by its value. The template's text is trusted (its
     * special-token strings become tokens); the values are not (see {@link PromptText}).
     *
     * @throws GenerationException {@link ErrorCode#BAD_REQUEST} naming a missing value or a value the template
     *     has no placeholder for (likely a typo by the caller)
     */
    public PromptText render(Map<String, String> values) throws GenerationException {
        Set<String> missing = new TreeSet<>(placeholders);
        missing.removeAll(values.keySet());
        if (!missing.isEmpty()) {
            throw new GenerationException(ErrorCode.BAD_REQUEST, "template '" + name + "' needs a value for "
                    + String.join(", ", missing) + "; it takes " + new TreeSet<>(placeholders));
        }
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(placeholders);
        if (!unknown.isEmpty()) {
            throw new GenerationException(ErrorCode.BAD_REQUEST, "template '" + name + "' has no placeholder "
                    + String.join(", ", unknown) + "; it takes " + new TreeSet<>(placeholders));
        }
        List<PromptText.Part> out = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            out.add(new PromptText.Part(literals.get(i), true));
            out.add(new PromptText.Part(values.get(slots.get(i)), false));
        }
        out.add(new PromptText.Part(literals.get(slots.size()), true));
        return new PromptText(out);
    }
}
