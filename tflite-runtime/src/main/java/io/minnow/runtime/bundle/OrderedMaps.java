package io.minnow.runtime.bundle;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Copies the maps of model.json records so they write in a fixed order. Stateless. */
final class OrderedMaps {
    private OrderedMaps() {
    }

    /**
     * An unmodifiable copy that iterates as {@code map} does if that has an order (a {@link LinkedHashMap}, as
     * JSON parsing and model-tools build, or a {@link SortedMap}), else sorted by key: {@code Map.of} and
     * {@code Map.copyOf} iterate in an order that changes from one JVM run to the next, which made the bytes
     * of model.json, and so of whole bundles, differ between identical builds. Null gives an empty map.
     */
    static <V> Map<String, V> copyOf(Map<String, V> map) {
        if (map == null) {
            return Map.of();
        }
        Map<String, V> copy = map instanceof LinkedHashMap || map instanceof SortedMap
                ? new LinkedHashMap<>(map) : new LinkedHashMap<>(new TreeMap<>(map));
        return Collections.unmodifiableMap(copy);
    }
}
