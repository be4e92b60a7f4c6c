package io.minnow.modeltools.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.runtime.tokenizer.PromptText;
import io.minnow.runtime.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trained byte-level BPE tokenizer: the vocabulary (index = id), the merges in rank order and the special
 * tokens. It encodes text the way Hugging Face's BPE model does (lowest-ranked merge first within each
 * pre-tokenized word) and writes a {@code tokenizer.json} that Hugging Face tokenizers and Minnow's reader
 * load. Immutable and thread-safe.
 */
public final class BpeModel implements Tokenizer {

    private final List<String> vocab;
    private final List<String[]> merges;
    private final List<String> specialTokens;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, Integer> mergeRanks = new HashMap<>();
    private final Map<String, int[]> wordCache = new ConcurrentHashMap<>();

    BpeModel(List<String> vocab, List<String[]> merges, List<String> specialTokens) {
        this.vocab = List.copyOf(vocab);
        this.merges = merges.stream().map(String[]::clone).toList();
        this.specialTokens = List.copyOf(specialTokens);
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        for (int r = 0; r < merges.size(); r++) {
            mergeRanks.putIfAbsent(merges.get(r)[0] + " " + merges.get(r)[1], r);
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
        return encode(PromptText.trusted(text));
    }

    /** Token ids for {@code text}; special tokens become their ids only inside its trusted parts. */
    @Override
    public int[] encode(PromptText text) {
        List<Integer> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        for (PromptText.Part part : text.parts()) {
            if (!part.trusted()) {
                plain.append(part.text());
                continue;
            }
            for (ByteLevelText.Segment seg : ByteLevelText.splitSpecials(part.text(), specialTokens)) {
                if (seg.special()) {
                    encodePlain(plain, out);
                    out.add(ids.get(seg.text()));
                } else {
                    plain.append(seg.text());
                }
            }
        }
        encodePlain(plain, out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Encodes and empties {@code plain}: text between special tokens, a value joined with its template text. */
    private void encodePlain(StringBuilder plain, List<Integer> out) {
        for (String w : ByteLevelText.words(plain.toString())) {
            for (int id : wordCache.computeIfAbsent(w, this::encodeWord)) {
                out.add(id);
            }
        }
        plain.setLength(0);
    }

    @Override
    public String decode(int[] ids) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int id : ids) {
            if (!isSpecial(id)) {
                bytes.writeBytes(decodeBytes(id));
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public byte[] decodeBytes(int id) {
        if (id < 0 || id >= vocab.size()) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + vocab.size());
        }
        return isSpecial(id) ? vocab.get(id).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : ByteLevelText.fromAlphabet(vocab.get(id));
    }

    @Override
    public OptionalInt tokenId(String token) {
        Integer id = ids.get(token);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public boolean isSpecial(int id) {
        return id >= 0 && id < specialTokens.size();
    }

    private int[] encodeWord(String word) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            parts.add(String.valueOf(word.charAt(i)));
        }
        while (parts.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            int bestAt = -1;
            for (int i = 0; i + 1 < parts.size(); i++) {
                Integer rank = mergeRanks.get(parts.get(i) + " " + parts.get(i + 1));
                if (rank != null && rank < bestRank) {
                    bestRank = rank;
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                break;
            }
            parts.set(bestAt, parts.get(bestAt) + parts.get(bestAt + 1));
            parts.remove(bestAt + 1);
        }
        return parts.stream().mapToInt(ids::get).toArray();
    }

    /** Writes Hugging Face's {@code tokenizer.json}: ByteLevel pre-tokenizer and decoder, BPE model. */
    public void writeTokenizerJson(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
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
        json.writeValue(file.toFile(), root);
    }
}
