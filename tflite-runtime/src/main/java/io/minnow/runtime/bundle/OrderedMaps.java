package io.minnow.runtime.bundle;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Copies the maps of model.json records so they write in a fixed order. Stateless. */
final class OrderedMaps {
    private OrderedMaps() {
    }

    /**
     * An unmodifiable copy that iterates as {@code map} does if that has an order (a {@link LinkedHashMap}, as
     * JSON parsing and model-tools build, a {@link SortedMap}, or a map this method returned), else sorted by
     * key: {@code Map.of} and {@code Map.copyOf} iterate in an order that changes from one JVM run to the next,
     * which made the bytes of model.json, and so of whole bundles, differ between identical builds. Null gives
     * an empty map.
     */
    static <V> Map<String, V> copyOf(Map<String, V> map) {
        if (map == null) {
            return new Ordered<>(new LinkedHashMap<>());
        }
        if (map instanceof Ordered) {
            return map;
        }
        return new Ordered<>(map instanceof LinkedHashMap || map instanceof SortedMap
                ? new LinkedHashMap<>(map) : new LinkedHashMap<>(new TreeMap<>(map)));
    }

    /** Unmodifiable, in a fixed order; recognisable, so copying a record's own map keeps its order. */
    private static final class Ordered<V> extends AbstractMap<String, V> {
        private final Map<String, V> entries;

        Ordered(LinkedHashMap<String, V> entries) {
            this.entries = Collections.unmodifiableMap(entries);
        }

        @Override
        public Set<Entry<String, V>> entrySet() {
            return entries.entrySet();
        }

        @Override
        public V get(Object key) {
            return entries.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }
    }
}
