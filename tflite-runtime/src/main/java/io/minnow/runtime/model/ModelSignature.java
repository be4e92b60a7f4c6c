package io.minnow.runtime.model;

import java.util.Map;

/**
 * A SignatureDef: a named entry point into one subgraph, mapping signature names to subgraph tensor indices.
 *
 * @param inputs signature input name to subgraph tensor index, in file order
 * @param outputs signature output name to subgraph tensor index, in file order
 */
public record ModelSignature(String key, int subgraphIndex, Map<String, Integer> inputs, Map<String, Integer> outputs) {
    public ModelSignature {
        inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }
}
