package io.minnow.runtime.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Rewrites text before it is split into pre-tokens, like a Hugging Face normalizer. Implementations are immutable
 * and thread-safe.
 */
@FunctionalInterface
interface Normalizer {

    String normalize(String text);

    /** Leaves text as it is (a file without a normalizer). */
    Normalizer IDENTITY = text -> text;

    /** Builds the normalizer a {@code tokenizer.json} "normalizer" node describes; {@code null} means none. */
    static Normalizer fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return IDENTITY;
        }
        String type = JsonFields.type(node, "normalizer");
        return switch (type) {
            case "Sequence" -> sequence(node);
            case "NFC" -> text -> java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
            case "NFD" -> text -> java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
            case "NFKC" -> text -> java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKC);
            case "NFKD" -> text -> java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD);
            case "Prepend" -> prepend(JsonFields.string(node, "prepend", "normalizer Prepend"));
            case "Replace" -> replace(node, "normalizer Replace");
            default -> throw new TokenizerFormatException("normalizer type '" + type + "'",
                    "is not supported (supported: Sequence, NFC, NFD, NFKC, NFKD, Prepend, Replace)");
        };
    }

    private static Normalizer sequence(JsonNode node) {
        List<Normalizer> steps = new ArrayList<>();
        for (JsonNode child : JsonFields.array(node, "normalizers", "normalizer Sequence")) {
            steps.add(fromJson(child));
        }
        return text -> {
            String result = text;
            for (Normalizer step : steps) {
                result = step.normalize(result);
            }
            return result;
        };
    }

    private static Normalizer prepend(String prefix) {
        // Hugging Face leaves empty text empty rather than turning it into the bare prefix.
        return text -> text.isEmpty() ? text : prefix + text;
    }

    /** A Replace step (shared with the Replace decoder): a literal or regex pattern, replaced literally. */
    static Normalizer replace(JsonNode node, String component) {
        String content = JsonFields.string(node, "content", component);
        JsonNode pattern = JsonFields.required(node, "pattern", component);
        if (pattern.has("String")) {
            String literal = pattern.get("String").asText();
            return text -> text.replace(literal, content);
        }
        if (pattern.has("Regex")) {
            java.util.regex.Pattern regex = OnigPatterns.compile(pattern.get("Regex").asText(), component);
            String replacement = Matcher.quoteReplacement(content);
            return text -> regex.matcher(text).replaceAll(replacement);
        }
        throw new TokenizerFormatException(component, "pattern must have a 'String' or 'Regex' field, got " + pattern);
    }
}
