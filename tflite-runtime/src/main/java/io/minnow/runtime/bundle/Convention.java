package io.minnow.runtime.bundle;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The tensor contract a model follows; docs/model-conventions.md describes both. */
public enum Convention {
    /** {@code tokens [1, T]} in, {@code logits [1, T, V]} out, with T the context length. */
    WINDOW("window"),
    /** {@code prefill} and {@code decode} signatures with the key/value cache passed in and out. */
    KV_CACHE("kv-cache");

    private final String jsonName;

    Convention(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    @JsonCreator
    public static Convention fromJson(String name) {
        return Arrays.stream(values()).filter(c -> c.jsonName.equals(name)).findFirst()
                .orElseThrow(() -> new InvalidFieldException("convention",
                        "is \"" + name + "\"; expected \"window\" or \"kv-cache\""));
    }
}
