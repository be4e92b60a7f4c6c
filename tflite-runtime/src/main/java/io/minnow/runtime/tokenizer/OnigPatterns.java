package io.minnow.runtime.tokenizer;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the regexes of {@code tokenizer.json} files (written for the Oniguruma engine the Hugging Face
 * library uses) with {@link java.util.regex}. Oniguruma on UTF-8 text gives {@code \s}, {@code \d}, {@code \w}
 * their Unicode meanings and folds case by Unicode rules, so the patterns are compiled with
 * {@link Pattern#UNICODE_CHARACTER_CLASS}; the conformance tests check the edge cases against the reference.
 */
final class OnigPatterns {
    private OnigPatterns() {}

    static Pattern compile(String regex, String component) {
        try {
            return Pattern.compile(regex, Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException e) {
            throw new TokenizerFormatException(component, "regex " + regex + " does not compile: "
                    + e.getDescription(), e);
        }
    }
}
