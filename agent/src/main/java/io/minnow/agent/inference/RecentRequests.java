package io.minnow.agent.inference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the keys of recently accepted requests so a redelivered one (MQTT QoS 1 may deliver twice) is
 * answered once. Bounded: the oldest keys are forgotten first. Thread-safe.
 */
final class RecentRequests {
    private final Map<String, Boolean> keys;

    RecentRequests(int capacity) {
        keys = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records {@code key}; false if it was already there. */
    synchronized boolean add(String key) {
        return keys.putIfAbsent(key, Boolean.TRUE) == null;
    }

    /** Forgets {@code key}, so a request refused as busy may be sent again with the same id. */
    synchronized void remove(String key) {
        keys.remove(key);
    }
}
