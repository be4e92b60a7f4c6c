package io.minnow.runtime.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small tokenizer.json in the shape model-tools trains for Minnow's own model: ByteLevel pre-tokenizer with
 * the GPT-2 regex, BPE over the 256-character byte alphabet plus a few merges, ByteLevel decoder, and the
 * special token {@code <|endoftext|>}. Tests change parts of it to check how loading reacts.
 */
final class MinnowShapeFixture {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String END_OF_TEXT = "<|endoftext|>";

    /** Merges in rank order; each result gets the next id after the byte alphabet. */
    private static final List<String> MERGES = List.of("Ġ t", "h e", "Ġt he", "i n", "in g", "Ġ a", "o u",
            "e r", "Ġ w", "o r", "Ġw or", "l d", "Ġwor ld", "Ġ Ġ", "ĠĠ ĠĠ", "Ċ Ċ", "ð Ł");

    private MinnowShapeFixture() {}

    static ObjectNode json() {
        Map<String, Integer> vocab = new LinkedHashMap<>();
        for (int b = 0; b < 256; b++) {
            vocab.put(alphabetChar(b), vocab.size());
        }
        ArrayNode merges = MAPPER.createArrayNode();
        for (String merge : MERGES) {
            merges.add(merge);
            vocab.putIfAbsent(merge.replace(" ", ""), vocab.size());
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        added.addObject().put("id", vocab.size()).put("content", END_OF_TEXT).put("single_word", false)
                .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", true).put("use_regex", true);
        root.putObject("post_processor").put("type", "ByteLevel").put("add_prefix_space", true)
                .put("trim_offsets", false).put("use_regex", true);
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true)
                .put("trim_offsets", true).put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout").putNull("unk_token").putNull("continuing_subword_prefix")
                .putNull("end_of_word_suffix").put("fuse_unk", false).put("byte_fallback", false);
        ObjectNode vocabNode = model.putObject("vocab");
        vocab.forEach(vocabNode::put);
        model.set("merges", merges);
        return root;
    }

    /** The byte alphabet character for byte value {@code b}. */
    static String alphabetChar(int b) {
        for (char c = 0; c < 400; c++) {
            if (ByteLevelAlphabet.byteOf(c) == b) {
                return String.valueOf(c);
            }
        }
        throw new IllegalArgumentException("no alphabet character for byte " + b);
    }

    static byte[] bytes(ObjectNode json) {
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Tokenizer load(ObjectNode json) {
        try {
            return TokenizerJson.parse(new ByteArrayInputStream(bytes(json)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
