package io.minnow.runtime.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * SentencePiece's whitespace convention as Hugging Face's Metaspace pre-tokenizer and decoder apply it: spaces
 * become a replacement character (U+2581 by default), one is put in front of the text, and decoding undoes both.
 * Immutable and thread-safe.
 */
final class MetaspaceRules implements PreTokenizer {

    /** When a replacement character is put in front of a text. */
    enum PrependScheme { ALWAYS, FIRST, NEVER }

    private final String replacement;
    private final PrependScheme prependScheme;
    private final RegexSplitter splitter;

    private MetaspaceRules(String replacement, PrependScheme prependScheme, boolean split) {
        this.replacement = replacement;
        this.prependScheme = prependScheme;
        this.splitter = split
                ? new RegexSplitter(Pattern.compile(Pattern.quote(replacement)),
                        RegexSplitter.Behavior.MERGED_WITH_NEXT, false)
                : null;
    }

    static MetaspaceRules fromJson(JsonNode node, String component) {
        String replacement = JsonFields.string(node, "replacement", component);
        if (replacement.codePointCount(0, replacement.length()) != 1) {
            throw new TokenizerFormatException(component, "replacement must be one character, got '"
                    + replacement + "'");
        }
        PrependScheme scheme;
        JsonNode schemeNode = node.get("prepend_scheme");
        if (schemeNode != null && !schemeNode.isNull()) {
            scheme = switch (schemeNode.asText()) {
                case "always" -> PrependScheme.ALWAYS;
                case "first" -> PrependScheme.FIRST;
                case "never" -> PrependScheme.NEVER;
                default -> throw new TokenizerFormatException(component + " prepend_scheme '"
                        + schemeNode.asText() + "'", "is not supported (supported: always, first, never)");
            };
        } else {
            // Files written before prepend_scheme existed say add_prefix_space instead.
            scheme = JsonFields.bool(node, "add_prefix_space", true) ? PrependScheme.ALWAYS : PrependScheme.NEVER;
        }
        return new MetaspaceRules(replacement, scheme, JsonFields.bool(node, "split", true));
    }

    @Override
    public void split(String text, boolean atTextStart, List<String> out) {
        if (text.isEmpty()) {
            return;
        }
        String replaced = text.replace(" ", replacement);
        boolean prepend = prependScheme == PrependScheme.ALWAYS
                || (prependScheme == PrependScheme.FIRST && atTextStart);
        if (prepend && !replaced.startsWith(replacement)) {
            replaced = replacement + replaced;
        }
        if (splitter == null) {
            out.add(replaced);
        } else {
            splitter.split(replaced, out);
        }
    }

    /** The decoder: the replacement character turns back into a space, dropped at the start of the first token. */
    List<String> decodeChain(List<String> tokens) {
        List<String> result = new ArrayList<>(tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            if (i == 0 && prependScheme != PrependScheme.NEVER) {
                token = token.replace(replacement, "");
            }
            result.add(token.replace(replacement, " "));
        }
        return result;
    }

    /** The text of one token in the middle of a text: every replacement character is a space. */
    String tokenText(String token) {
        return token.replace(replacement, " ");
    }
}
