package io.minnow.runtime.lm;

/** The two model conventions of {@code docs/model-conventions.md}, with the name {@code model.json} uses. */
public enum ModelConvention {
    /** Token ids {@code [1, C]} in, logits {@code [1, C, V]} out; one subgraph. */
    WINDOW("window"),
    /** {@code prefill} and {@code decode} signatures with key/value caches in and out. */
    KV_CACHE("kv-cache");

    private final String jsonName;

    ModelConvention(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The value of {@code "convention"} in {@code model.json}. */
    public String jsonName() {
        return jsonName;
    }

    /** The convention named {@code name} in {@code model.json}. */
    public static ModelConvention fromJsonName(String name) {
        for (ModelConvention c : values()) {
            if (c.jsonName.equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown model convention '" + name + "'; expected window or kv-cache");
    }
}
