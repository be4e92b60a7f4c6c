package io.minnow.modeltools.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.runtime.tokenizer.PromptText;
import io.minnow.runtime.tokenizer.Tokenizer;
import io.minnow.runtime.tokenizer.TokenizerJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A trained byte-level BPE tokenizer: the vocabulary (index = id), the merges in rank order and the special
 * tokens. It writes a {@code tokenizer.json} that Hugging Face tokenizers and Minnow's reader load, and
 * encodes and decodes through Minnow's reader of that same file, so training sees exactly the tokens the
 * device will (and long pre-tokens merge in n log n, not one rescan per merge). Immutable and thread-safe.
 */
public final class BpeModel implements Tokenizer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> vocab;
    private final List<String[]> merges;
    private final List<String> specialTokens;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Tokenizer reader;

    BpeModel(List<String> vocab, List<String[]> merges, List<String> specialTokens) {
        this.vocab = List.copyOf(vocab);
        this.merges = merges.stream().map(String[]::clone).toList();
        this.specialTokens = List.copyOf(specialTokens);
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        try {
            reader = TokenizerJson.parse(new ByteArrayInputStream(JSON.writeValueAsBytes(tokenizerJson())));
        } catch (IOException e) {
            throw new IllegalStateException("Minnow's reader refused the trained tokenizer: " + e.getMessage(), e);
        }
    }

    @Override
    public int vocabSize() {
        return vocab.size();
    }

    public List<String> specialTokens() {
        return specialTokens;
    }

    /** The id of a token string (a special token or a byte-level symbol sequence). */
    public int id(String token) {
        Integer id = ids.get(token);
        if (id == null) {
            throw new IllegalArgumentException("no token '" + token + "' in the vocabulary");
        }
        return id;
    }

    /** Token ids for {@code text}; special tokens in the text become their ids. */
    @Override
    public int[] encode(String text) {
        return reader.encode(text);
    }

    /** Token ids for {@code text}; special tokens become their ids only inside its trusted parts. */
    @Override
    public int[] encode(PromptText text) {
        return reader.encode(text);
    }

    @Override
    public String decode(int[] ids) {
        return reader.decode(ids);
    }

    @Override
    public byte[] decodeBytes(int id) {
        return reader.decodeBytes(id);
    }

    @Override
    public OptionalInt tokenId(String token) {
        return reader.tokenId(token);
    }

    @Override
    public boolean isSpecial(int id) {
        return reader.isSpecial(id);
    }

    /** Writes Hugging Face's {@code tokenizer.json}: ByteLevel pre-tokenizer and decoder, BPE model. */
    public void writeTokenizerJson(Path file) throws IOException {
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), tokenizerJson());
    }

    private ObjectNode tokenizerJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String s : specialTokens) {
            ObjectNode t = added.addObject();
            t.put("id", ids.get(s));
            t.put("content", s);
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "ByteLevel");
        pre.put("add_prefix_space", false);
        pre.put("trim_offsets", true);
        pre.put("use_regex", true);
        root.putNull("post_processor");
        ObjectNode decoder = root.putObject("decoder");
        decoder.put("type", "ByteLevel");
        decoder.put("add_prefix_space", false);
        decoder.put("trim_offsets", true);
        decoder.put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode v = model.putObject("vocab");
        for (int i = 0; i < vocab.size(); i++) {
            v.put(vocab.get(i), i);
        }
        ArrayNode m = model.putArray("merges");
        for (String[] pair : merges) {
            m.add(pair[0] + " " + pair[1]);
        }
        return root;
    }
}
