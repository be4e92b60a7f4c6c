package io.minnow.runtime.tokenizer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "model" section of a {@code tokenizer.json}, read with the streaming parser: vocabularies and merge lists
 * have hundreds of thousands of entries, and a JSON tree of them costs seconds and hundreds of megabytes on a
 * board. Used once per load, by one thread.
 */
final class BpeModelSection {
    private final ObjectNode fields = JsonNodeFactory.instance.objectNode();
    private Map<String, Integer> vocab;
    /** Merge pairs flattened: left at 2i, right at 2i+1. */
    private List<String> merges;

    /** Reads the section; the parser is on its START_OBJECT and is left on its END_OBJECT. */
    static BpeModelSection read(JsonParser parser) throws IOException {
        BpeModelSection section = new BpeModelSection();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("vocab") && value == JsonToken.START_OBJECT) {
                section.vocab = readVocab(parser);
            } else if (name.equals("merges") && value == JsonToken.START_ARRAY) {
                section.merges = readMerges(parser);
            } else {
                section.fields.set(name, parser.readValueAsTree());
            }
        }
        return section;
    }

    private static Map<String, Integer> readVocab(JsonParser parser) throws IOException {
        Map<String, Integer> vocab = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String token = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value != JsonToken.VALUE_NUMBER_INT || parser.getLongValue() < 0
                    || parser.getLongValue() > Integer.MAX_VALUE - 1) {
                throw new TokenizerFormatException("model vocab", "token '" + token + "' has id "
                        + parser.readValueAsTree() + ", expected a non-negative integer");
            }
            vocab.put(token, parser.getIntValue());
        }
        return vocab;
    }

    /** Merges are written either as "left right" or as ["left", "right"]. */
    private static List<String> readMerges(JsonParser parser) throws IOException {
        List<String> merges = new ArrayList<>();
        for (int rank = 0; parser.nextToken() != JsonToken.END_ARRAY; rank++) {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                String merge = parser.getText();
                int space = merge.indexOf(' ');
                if (space >= 0 && merge.indexOf(' ', space + 1) < 0) {
                    merges.add(merge.substring(0, space));
                    merges.add(merge.substring(space + 1));
                    continue;
                }
            } else if (parser.currentToken() == JsonToken.START_ARRAY) {
                JsonNode pair = parser.readValueAsTree();
                if (pair.size() == 2 && pair.get(0).isTextual() && pair.get(1).isTextual()) {
                    merges.add(pair.get(0).asText());
                    merges.add(pair.get(1).asText());
                    continue;
                }
                throw malformedMerge(rank, pair.toString());
            }
            throw malformedMerge(rank, parser.getText());
        }
        return merges;
    }

    private static TokenizerFormatException malformedMerge(int rank, String merge) {
        return new TokenizerFormatException("model merges[" + rank + "]",
                "expected \"left right\" or [\"left\", \"right\"], got " + merge);
    }

    /** Fields other than the vocabulary and merges (type, unk_token, byte_fallback...). */
    ObjectNode fields() {
        return fields;
    }

    boolean hasMerges() {
        return merges != null;
    }

    Map<String, Integer> vocab() {
        if (vocab == null) {
            throw new TokenizerFormatException("model", "missing field 'vocab' (an object of token to id)");
        }
        return vocab;
    }

    /** Builds the model; the vocabulary is handed over, not copied. */
    BpeModel build() {
        Map<String, Integer> vocab = vocab();
        if (merges == null) {
            throw new TokenizerFormatException("model", "missing field 'merges' (an array)");
        }
        int count = merges.size() / 2;
        MergeTable table = new MergeTable(count);
        int[] rankToMergedId = new int[count];
        for (int rank = 0; rank < count; rank++) {
            String left = merges.get(2 * rank);
            String right = merges.get(2 * rank + 1);
            int leftId = mergeToken(vocab, left, left, right, rank);
            int rightId = mergeToken(vocab, right, left, right, rank);
            int merged = mergeToken(vocab, left + right, left, right, rank);
            table.put(leftId, rightId, rank, merged);
            rankToMergedId[rank] = merged;
        }
        int unkId = -1;
        JsonNode unk = fields.get("unk_token");
        if (unk != null && !unk.isNull()) {
            Integer id = vocab.get(unk.asText());
            if (id == null) {
                throw new TokenizerFormatException("model unk_token", "'" + unk.asText()
                        + "' is not in the vocabulary");
            }
            unkId = id;
        }
        return new BpeModel(vocab, table, rankToMergedId, unkId, JsonFields.bool(fields, "fuse_unk", false),
                JsonFields.bool(fields, "byte_fallback", false), JsonFields.bool(fields, "ignore_merges", false));
    }

    private static int mergeToken(Map<String, Integer> vocab, String token, String left, String right, int rank) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new TokenizerFormatException("model merges[" + rank + "]", "merge of '" + left + "' and '"
                    + right + "' refers to token '" + token + "', which is not in the vocabulary");
        }
        return id;
    }
}
