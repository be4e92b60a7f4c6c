package io.minnow.runtime.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads required fields of {@code tokenizer.json} nodes, failing with the component's name. */
final class JsonFields {
    private JsonFields() {}

    static JsonNode required(JsonNode node, String field, String component) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new TokenizerFormatException(component, "missing field '" + field + "'");
        }
        return value;
    }

    static String type(JsonNode node, String component) {
        if (!node.isObject()) {
            throw new TokenizerFormatException(component, "expected an object, got " + node.getNodeType());
        }
        return string(node, "type", component);
    }

    static String string(JsonNode node, String field, String component) {
        JsonNode value = required(node, field, component);
        if (!value.isTextual()) {
            throw new TokenizerFormatException(component, "field '" + field + "' must be a string, got " + value);
        }
        return value.asText();
    }

    static boolean bool(JsonNode node, String field, boolean absent) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? absent : value.asBoolean();
    }

    static JsonNode array(JsonNode node, String field, String component) {
        JsonNode value = required(node, field, component);
        if (!value.isArray()) {
            throw new TokenizerFormatException(component, "field '" + field + "' must be an array");
        }
        return value;
    }
}
