package io.minnow.agent.inference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the keys of recently accepted requests so a redelivered one (MQTT QoS 1 may deliver twice) is
 * answered once, with the broker acknowledgements each still owes. Bounded: the oldest keys are forgotten
 * first (a copy arriving after that runs again: answered twice rather than never). Thread-safe.
 */
final class RecentRequests {
    private final Map<String, PendingAcks> keys;

    RecentRequests(int capacity) {
        keys = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PendingAcks> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records {@code key} with its acknowledgements; returns those already recorded for it, or null if new. */
    synchronized PendingAcks add(String key, PendingAcks acks) {
        return keys.putIfAbsent(key, acks);
    }

    /** Forgets {@code key}, so a request refused as busy may be sent again with the same id. */
    synchronized void remove(String key) {
        keys.remove(key);
    }
}
