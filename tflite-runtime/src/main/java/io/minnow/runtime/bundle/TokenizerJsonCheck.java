package io.minnow.runtime.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks that tokenizer.json agrees with model.json: the same vocabulary size, and every special token the
 * manifest names exists. Reads only the vocabulary and added tokens, so it works for any model type
 * (BPE and WordLevel store {@code model.vocab} as an object, Unigram as an array).
 */
final class TokenizerJsonCheck {
    static final String ENTRY = "tokenizer.json";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TokenizerJsonCheck() {
    }

    static void check(byte[] tokenizerJson, ModelManifest manifest) throws BundleException {
        JsonNode root;
        try {
            root = MAPPER.readTree(tokenizerJson);
        } catch (IOException e) {
            throw new BundleException(ENTRY, "is not valid JSON: " + e.getMessage(), e);
        }
        JsonNode vocab = root.path("model").path("vocab");
        if (!vocab.isObject() && !vocab.isArray()) {
            throw new BundleException(ENTRY + ":model.vocab", "is missing; a Hugging Face tokenizer.json has one");
        }
        int maxId = -1;
        Set<String> tokens = new HashSet<>();
        if (vocab.isObject()) {
            for (Map.Entry<String, JsonNode> e : vocab.properties()) {
                maxId = Math.max(maxId, e.getValue().asInt());
                tokens.add(e.getKey());
            }
        } else {
            maxId = vocab.size() - 1;
            vocab.forEach(piece -> tokens.add(piece.path(0).asText()));
        }
        for (JsonNode added : root.path("added_tokens")) {
            maxId = Math.max(maxId, added.path("id").asInt());
            tokens.add(added.path("content").asText());
        }
        int size = maxId + 1;
        if (size != manifest.vocabSize()) {
            throw new BundleException(ManifestJson.ENTRY + ":vocab_size", "is " + manifest.vocabSize()
                    + " but tokenizer.json has " + size + " token ids");
        }
        for (Map.Entry<String, String> special : manifest.specialTokenFields()) {
            if (!tokens.contains(special.getValue())) {
                throw new BundleException(ManifestJson.ENTRY + ":" + special.getKey(),
                        "is \"" + special.getValue() + "\", which tokenizer.json does not contain");
            }
        }
    }
}
