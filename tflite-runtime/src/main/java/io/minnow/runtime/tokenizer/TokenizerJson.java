package io.minnow.runtime.tokenizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads a Hugging Face {@code tokenizer.json} into a {@link Tokenizer}. Supported: the BPE model (byte-level
 * like GPT-2, Llama 3 and Qwen, or with SentencePiece byte fallback like Llama 2, Mistral and Gemma), the
 * normalizers, pre-tokenizers and decoders those files use, and added tokens. Anything else is rejected with a
 * {@link TokenizerFormatException} naming the component. The post-processor, truncation and padding sections
 * are not used: {@link Tokenizer#encode} returns the ids of the text alone. Stateless and thread-safe.
 */
public final class TokenizerJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TokenizerJson() {}

    /** Reads the file at {@code path}; see {@link #parse(InputStream)}. */
    public static Tokenizer load(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in);
        }
    }

    /**
     * Reads a {@code tokenizer.json} document.
     *
     * @throws TokenizerFormatException if the document is not valid JSON, is inconsistent, or uses a component
     *     Minnow does not implement
     * @throws IOException if reading fails
     */
    public static Tokenizer parse(InputStream json) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        BpeModelSection model = null;
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new TokenizerFormatException("tokenizer.json", "must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("model")) {
                    if (value != JsonToken.START_OBJECT) {
                        throw new TokenizerFormatException("model", "must be an object, got " + value.asString());
                    }
                    model = BpeModelSection.read(parser);
                } else {
                    root.set(name, parser.readValueAsTree());
                }
            }
            if (parser.nextToken() != null) {
                throw new TokenizerFormatException("tokenizer.json", "has content after the top-level object");
            }
        } catch (JsonProcessingException e) {
            throw new TokenizerFormatException("tokenizer.json", "is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (model == null) {
            throw new TokenizerFormatException("tokenizer.json", "missing field 'model'");
        }
        return build(root, model);
    }

    private static Tokenizer build(JsonNode root, BpeModelSection modelSection) {
        checkModelType(modelSection.fields(), modelSection.hasMerges());
        Map<String, Integer> vocab = modelSection.vocab();
        List<AddedTokens.Token> added = addedTokens(root);
        int size = 0;
        for (int id : vocab.values()) {
            size = Math.max(size, id + 1);
        }
        for (AddedTokens.Token token : added) {
            size = Math.max(size, token.id() + 1);
        }
        String[] tokens = new String[size];
        vocab.forEach((token, id) -> tokens[id] = token);
        Map<String, Integer> ids = new HashMap<>(vocab);
        BitSet special = new BitSet(size);
        for (AddedTokens.Token token : added) {
            tokens[token.id()] = token.content();
            ids.put(token.content(), token.id());
            special.set(token.id(), token.special());
        }
        return new BpeTokenizer(Normalizer.fromJson(root.get("normalizer")),
                PreTokenizer.fromJson(root.get("pre_tokenizer")), modelSection.build(),
                Decoder.fromJson(root.get("decoder")), added, tokens, ids, special);
    }

    private static void checkModelType(JsonNode model, boolean hasMerges) {
        JsonNode type = model.get("type");
        // Files from before the type tag existed are recognised by their fields, as the reference does.
        String name = type != null ? type.asText() : hasMerges ? "BPE" : "(untyped)";
        if (!name.equals("BPE")) {
            throw new TokenizerFormatException("model type '" + name + "'", "is not supported (supported: BPE)");
        }
        JsonNode dropout = model.get("dropout");
        if (dropout != null && !dropout.isNull() && dropout.asDouble() > 0) {
            throw new TokenizerFormatException("model BPE dropout",
                    "is not supported: it makes encoding random, which inference never wants (got " + dropout + ")");
        }
        for (String field : List.of("continuing_subword_prefix", "end_of_word_suffix")) {
            JsonNode value = model.get(field);
            if (value != null && !value.isNull() && !value.asText().isEmpty()) {
                throw new TokenizerFormatException("model BPE " + field, "is not supported (got '"
                        + value.asText() + "')");
            }
        }
    }

    private static List<AddedTokens.Token> addedTokens(JsonNode root) {
        List<AddedTokens.Token> tokens = new ArrayList<>();
        JsonNode node = root.get("added_tokens");
        if (node == null || node.isNull()) {
            return tokens;
        }
        if (!node.isArray()) {
            throw new TokenizerFormatException("added_tokens", "must be an array");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode t = node.get(i);
            String component = "added_tokens[" + i + "]";
            String content = JsonFields.string(t, "content", component);
            JsonNode id = JsonFields.required(t, "id", component);
            if (!id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
                throw new TokenizerFormatException(component, "id must be a non-negative integer, got " + id);
            }
            if (content.isEmpty()) {
                throw new TokenizerFormatException(component, "content must not be empty");
            }
            if (JsonFields.bool(t, "single_word", false)) {
                throw new TokenizerFormatException(component + " single_word",
                        "is not supported (token '" + content + "')");
            }
            boolean special = JsonFields.bool(t, "special", false);
            tokens.add(new AddedTokens.Token(content, id.intValue(), special, JsonFields.bool(t, "lstrip", false),
                    JsonFields.bool(t, "rstrip", false), JsonFields.bool(t, "normalized", !special)));
        }
        return tokens;
    }
}
