package io.minnow.runtime.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits normalized text into the pieces BPE encodes one by one, like a Hugging Face pre-tokenizer.
 * Implementations are immutable and thread-safe.
 */
interface PreTokenizer {

    /**
     * Appends the pre-tokens of {@code text} to {@code out}, never empty strings.
     *
     * @param atTextStart whether {@code text} starts at offset 0 of the caller's input (Metaspace's "first")
     */
    void split(String text, boolean atTextStart, List<String> out);

    /** The GPT-2 pattern the ByteLevel pre-tokenizer uses when {@code use_regex} is true. */
    String GPT2_REGEX = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    /** The whole text is one pre-token (a file without a pre-tokenizer). */
    PreTokenizer NONE = (text, atTextStart, out) -> {
        if (!text.isEmpty()) {
            out.add(text);
        }
    };

    /** Builds the pre-tokenizer a {@code tokenizer.json} "pre_tokenizer" node describes; {@code null} means none. */
    static PreTokenizer fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return NONE;
        }
        String type = JsonFields.type(node, "pre_tokenizer");
        return switch (type) {
            case "Sequence" -> sequence(node);
            case "ByteLevel" -> byteLevel(node);
            case "Split" -> split(node);
            case "Metaspace" -> MetaspaceRules.fromJson(node, "pre_tokenizer Metaspace");
            default -> throw new TokenizerFormatException("pre_tokenizer type '" + type + "'",
                    "is not supported (supported: Sequence, ByteLevel, Split, Metaspace)");
        };
    }

    private static PreTokenizer sequence(JsonNode node) {
        List<PreTokenizer> steps = new ArrayList<>();
        for (JsonNode child : JsonFields.array(node, "pretokenizers", "pre_tokenizer Sequence")) {
            steps.add(fromJson(child));
        }
        return (text, atTextStart, out) -> {
            List<String> pieces = List.of(text);
            for (PreTokenizer step : steps) {
                List<String> next = new ArrayList<>(pieces.size() * 2);
                for (int i = 0; i < pieces.size(); i++) {
                    step.split(pieces.get(i), atTextStart && i == 0, next);
                }
                pieces = next;
            }
            out.addAll(pieces);
        };
    }

    private static PreTokenizer byteLevel(JsonNode node) {
        boolean addPrefixSpace = JsonFields.bool(node, "add_prefix_space", true);
        RegexSplitter splitter = JsonFields.bool(node, "use_regex", true)
                ? new RegexSplitter(OnigPatterns.compile(GPT2_REGEX, "pre_tokenizer ByteLevel"),
                        RegexSplitter.Behavior.ISOLATED, false)
                : null;
        return (text, atTextStart, out) -> {
            if (text.isEmpty()) {
                return;
            }
            String prefixed = addPrefixSpace && !text.startsWith(" ") ? " " + text : text;
            if (splitter == null) {
                out.add(ByteLevelAlphabet.encode(prefixed));
                return;
            }
            int first = out.size();
            splitter.split(prefixed, out);
            for (int i = first; i < out.size(); i++) {
                out.set(i, ByteLevelAlphabet.encode(out.get(i)));
            }
        };
    }

    private static PreTokenizer split(JsonNode node) {
        String component = "pre_tokenizer Split";
        JsonNode pattern = JsonFields.required(node, "pattern", component);
        Pattern regex;
        if (pattern.has("Regex")) {
            regex = OnigPatterns.compile(pattern.get("Regex").asText(), component);
        } else if (pattern.has("String")) {
            regex = Pattern.compile(Pattern.quote(pattern.get("String").asText()));
        } else {
            throw new TokenizerFormatException(component, "pattern must have a 'String' or 'Regex' field, got "
                    + pattern);
        }
        RegexSplitter.Behavior behavior =
                RegexSplitter.Behavior.fromJson(JsonFields.string(node, "behavior", component));
        RegexSplitter splitter = new RegexSplitter(regex, behavior, JsonFields.bool(node, "invert", false));
        return (text, atTextStart, out) -> splitter.split(text, out);
    }
}
