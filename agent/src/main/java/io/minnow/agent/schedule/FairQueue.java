package io.minnow.agent.schedule;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bounded queue that serves the highest priority first and, within a priority, takes one item per client
 * in turn, so a client with many queued requests cannot delay one with a single request by more than one
 * turn. Not thread-safe: {@link InferenceScheduler} guards it with its lock.
 */
final class FairQueue {
    private final int capacity;
    private final int perClient;
    // priority (highest first) -> clients in turn order -> their work in arrival order
    private final TreeMap<Integer, LinkedHashMap<String, Deque<Work>>> levels =
            new TreeMap<>(Comparator.reverseOrder());
    private final Map<String, Integer> perClientCount = new java.util.HashMap<>();
    private int size;

    FairQueue(int capacity, int perClient) {
        this.capacity = capacity;
        this.perClient = perClient;
    }

    Admission offer(Work w) {
        if (size >= capacity) {
            return Admission.QUEUE_FULL;
        }
        if (perClientCount.getOrDefault(w.client(), 0) >= perClient) {
            return Admission.CLIENT_QUOTA;
        }
        levels.computeIfAbsent(w.priority(), p -> new LinkedHashMap<>())
                .computeIfAbsent(w.client(), c -> new ArrayDeque<>()).addLast(w);
        perClientCount.merge(w.client(), 1, Integer::sum);
        size++;
        return Admission.ACCEPTED;
    }

    /** The next work in turn, or null when empty. */
    Work poll() {
        if (levels.isEmpty()) {
            return null;
        }
        Map.Entry<Integer, LinkedHashMap<String, Deque<Work>>> level = levels.firstEntry();
        LinkedHashMap<String, Deque<Work>> clients = level.getValue();
        Map.Entry<String, Deque<Work>> first = clients.entrySet().iterator().next();
        Work w = first.getValue().pollFirst();
        clients.remove(first.getKey());
        if (!first.getValue().isEmpty()) {
            clients.put(first.getKey(), first.getValue()); // to the back of the turn order
        }
        if (clients.isEmpty()) {
            levels.remove(level.getKey());
        }
        removed(w);
        return w;
    }

    /** Removes and returns every work whose deadline is before {@code nowNanos}. */
    List<Work> removeExpired(long nowNanos) {
        List<Work> expired = new ArrayList<>();
        for (Iterator<LinkedHashMap<String, Deque<Work>>> li = levels.values().iterator(); li.hasNext(); ) {
            LinkedHashMap<String, Deque<Work>> clients = li.next();
            for (Iterator<Deque<Work>> ci = clients.values().iterator(); ci.hasNext(); ) {
                Deque<Work> q = ci.next();
                for (Iterator<Work> wi = q.iterator(); wi.hasNext(); ) {
                    Work w = wi.next();
                    if (nowNanos - w.deadlineNanos() > 0) {
                        wi.remove();
                        removed(w);
                        expired.add(w);
                    }
                }
                if (q.isEmpty()) {
                    ci.remove();
                }
            }
            if (clients.isEmpty()) {
                li.remove();
            }
        }
        return expired;
    }

    List<Work> removeAll() {
        List<Work> all = new ArrayList<>(size);
        for (Work w = poll(); w != null; w = poll()) {
            all.add(w);
        }
        return all;
    }

    int size() {
        return size;
    }

    private void removed(Work w) {
        size--;
        perClientCount.computeIfPresent(w.client(), (c, n) -> n == 1 ? null : n - 1);
    }
}
