package io.minnow.runtime.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a tiny byte-level BPE {@code tokenizer.json} in Hugging Face's format: the 256 byte tokens (GPT-2's
 * printable byte alphabet), a dozen English merges, and the special tokens {@code <|endoftext|>},
 * {@code <|system|>}, {@code <|user|>} and {@code <|assistant|>}. Any text round-trips through it.
 */
public final class ByteLevelTokenizerJson {
    public static final String END_OF_TEXT = "<|endoftext|>";
    public static final List<String> SPECIAL_TOKENS = List.of(END_OF_TEXT, "<|system|>", "<|user|>", "<|assistant|>");
    private static final List<String> MERGES = List.of(
            "Ġ t", "h e", "Ġt he", "i n", "Ġ a", "e r", "o n", "Ġ s", "r e", "a t", "e n", "o r");
    /** 256 bytes, one token per merge, then the special tokens. */
    public static final int VOCAB_SIZE = 256 + MERGES.size() + SPECIAL_TOKENS.size();

    private ByteLevelTokenizerJson() {
    }

    /** GPT-2's byte alphabet: printable bytes stand for themselves, the rest are shifted past 255. */
    static char[] byteAlphabet() {
        char[] alphabet = new char[256];
        int shifted = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            alphabet[b] = printable ? (char) b : (char) (256 + shifted++);
        }
        return alphabet;
    }

    public static byte[] bytes() {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Integer> vocab = new LinkedHashMap<>();
        char[] alphabet = byteAlphabet();
        for (int b = 0; b < 256; b++) {
            vocab.put(String.valueOf(alphabet[b]), b);
        }
        for (String merge : MERGES) {
            vocab.put(merge.replace(" ", ""), vocab.size());
        }
        ObjectNode root = mapper.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        int id = vocab.size();
        for (String special : SPECIAL_TOKENS) {
            added.addObject().put("id", id++).put("content", special).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "ByteLevel").put("add_prefix_space", false)
                .put("trim_offsets", true).put("use_regex", true);
        root.putNull("post_processor");
        root.putObject("decoder").put("type", "ByteLevel").put("add_prefix_space", true)
                .put("trim_offsets", true).put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false).put("byte_fallback", false).put("ignore_merges", false);
        ObjectNode vocabNode = model.putObject("vocab");
        vocab.forEach(vocabNode::put);
        ArrayNode merges = model.putArray("merges");
        MERGES.forEach(merges::add);
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
