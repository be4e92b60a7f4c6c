package io.minnow.runtime.generate;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps model states of recent token sequences so that a prompt sharing a prefix with one of them (a
 * template's fixed preamble, the earlier turns of a chat) starts from the cached state instead of
 * recomputing it. Any common prefix counts, not only whole entries: a state can be truncated to the part
 * that matches. Least recently used entries go first once {@code maxBytes} is passed.
 *
 * <p>Thread-safe. Snapshots are immutable, so a hit can be restored by several sessions at once.
 */
public final class PrefixCache {
    private final long maxBytes;
    private final Map<Key, LmSnapshot> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    /** @param maxBytes heap the cached states may take; 0 turns the cache off */
    public PrefixCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("prefix cache size must be >= 0 bytes, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /**
     * The cached state sharing the longest prefix with {@code prompt}, capped so at least the prompt's last
     * token is left to compute (its logits start the completion).
     */
    public synchronized Optional<Hit> lookup(int[] prompt) {
        Key best = null;
        int bestLength = 0;
        for (Key key : entries.keySet()) {
            int common = Math.min(commonPrefix(key.tokens, prompt), prompt.length - 1);
            if (common > bestLength) {
                best = key;
                bestLength = common;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new Hit(entries.get(best), bestLength));
    }

    /** Remembers the state of {@code tokens}; the snapshot must cover exactly them. */
    public synchronized void put(int[] tokens, LmSnapshot snapshot) {
        if (snapshot.length() != tokens.length) {
            throw new IllegalArgumentException(
                    "snapshot covers " + snapshot.length() + " tokens, not " + tokens.length);
        }
        if (snapshot.sizeBytes() > maxBytes) {
            return;
        }
        LmSnapshot old = entries.put(new Key(tokens.clone()), snapshot);
        bytes += snapshot.sizeBytes() - (old == null ? 0 : old.sizeBytes());
        Iterator<LmSnapshot> eldest = entries.values().iterator();
        while (bytes > maxBytes) {
            bytes -= eldest.next().sizeBytes();
            eldest.remove();
        }
    }

    /** Heap bytes held now. */
    public synchronized long sizeBytes() {
        return bytes;
    }

    public synchronized int entries() {
        return entries.size();
    }

    private static int commonPrefix(int[] a, int[] b) {
        int mismatch = Arrays.mismatch(a, b);
        return mismatch < 0 ? a.length : mismatch;
    }

    /**
     * A usable cached state: restore {@code snapshot}, then truncate to {@code length} tokens.
     *
     * @param length how many prompt tokens the snapshot supplies
     */
    public record Hit(LmSnapshot snapshot, int length) {
    }

    private record Key(int[] tokens) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(tokens, k.tokens);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(tokens);
        }
    }
}
