package io.minnow.runtime.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
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
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new TokenizerFormatException("tokenizer.json", "is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new TokenizerFormatException("tokenizer.json", "must be a JSON object");
        }
        return build(root);
    }

    private static Tokenizer build(JsonNode root) {
        JsonNode modelNode = JsonFields.required(root, "model", "tokenizer.json");
        checkModelType(modelNode);
        Map<String, Integer> vocab = vocab(modelNode);
        List<AddedTokens.Token> added = addedTokens(root);
        Map<String, Integer> ids = new HashMap<>(vocab);
        int size = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        for (AddedTokens.Token token : added) {
            size = Math.max(size, token.id() + 1);
        }
        String[] tokens = new String[size];
        vocab.forEach((token, id) -> tokens[id] = token);
        BitSet special = new BitSet(size);
        for (AddedTokens.Token token : added) {
            tokens[token.id()] = token.content();
            ids.put(token.content(), token.id());
            special.set(token.id(), token.special());
        }
        return new BpeTokenizer(Normalizer.fromJson(root.get("normalizer")),
                PreTokenizer.fromJson(root.get("pre_tokenizer")), bpeModel(modelNode, vocab),
                Decoder.fromJson(root.get("decoder")), added, tokens, ids, special);
    }

    private static void checkModelType(JsonNode model) {
        JsonNode type = model.get("type");
        // Files from before the type tag existed are recognised by their fields, as the reference does.
        String name = type != null ? type.asText() : model.has("merges") ? "BPE" : "(untyped)";
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

    private static Map<String, Integer> vocab(JsonNode model) {
        JsonNode node = JsonFields.required(model, "vocab", "model");
        if (!node.isObject()) {
            throw new TokenizerFormatException("model vocab", "must be an object of token to id");
        }
        Map<String, Integer> vocab = new HashMap<>(node.size() * 2);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (!e.getValue().canConvertToInt() || !e.getValue().isIntegralNumber() || e.getValue().intValue() < 0) {
                throw new TokenizerFormatException("model vocab", "token '" + e.getKey()
                        + "' has id " + e.getValue() + ", expected a non-negative integer");
            }
            vocab.put(e.getKey(), e.getValue().intValue());
        }
        return vocab;
    }

    private static BpeModel bpeModel(JsonNode model, Map<String, Integer> vocab) {
        JsonNode mergesNode = JsonFields.array(model, "merges", "model");
        MergeTable merges = new MergeTable(mergesNode.size());
        int[] rankToMergedId = new int[mergesNode.size()];
        for (int rank = 0; rank < mergesNode.size(); rank++) {
            String[] pair = mergePair(mergesNode.get(rank), rank);
            int left = mergeToken(vocab, pair[0], pair, rank);
            int right = mergeToken(vocab, pair[1], pair, rank);
            int merged = mergeToken(vocab, pair[0] + pair[1], pair, rank);
            merges.put(left, right, rank, merged);
            rankToMergedId[rank] = merged;
        }
        int unkId = -1;
        JsonNode unk = model.get("unk_token");
        if (unk != null && !unk.isNull()) {
            Integer id = vocab.get(unk.asText());
            if (id == null) {
                throw new TokenizerFormatException("model unk_token", "'" + unk.asText()
                        + "' is not in the vocabulary");
            }
            unkId = id;
        }
        return new BpeModel(vocab, merges, rankToMergedId, unkId, JsonFields.bool(model, "fuse_unk", false),
                JsonFields.bool(model, "byte_fallback", false), JsonFields.bool(model, "ignore_merges", false));
    }

    /** A merge is written either as "left right" or as ["left", "right"]. */
    private static String[] mergePair(JsonNode merge, int rank) {
        if (merge.isTextual()) {
            String[] parts = merge.asText().split(" ", -1);
            if (parts.length == 2) {
                return parts;
            }
        } else if (merge.isArray() && merge.size() == 2 && merge.get(0).isTextual() && merge.get(1).isTextual()) {
            return new String[] {merge.get(0).asText(), merge.get(1).asText()};
        }
        throw new TokenizerFormatException("model merges[" + rank + "]",
                "expected \"left right\" or [\"left\", \"right\"], got " + merge);
    }

    private static int mergeToken(Map<String, Integer> vocab, String token, String[] pair, int rank) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new TokenizerFormatException("model merges[" + rank + "]", "merge of '" + pair[0] + "' and '"
                    + pair[1] + "' refers to token '" + token + "', which is not in the vocabulary");
        }
        return id;
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
