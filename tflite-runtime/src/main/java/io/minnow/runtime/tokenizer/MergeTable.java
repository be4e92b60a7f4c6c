package io.minnow.runtime.tokenizer;

/**
 * BPE merges keyed by the ids of the pair they join: open addressing over primitive arrays, so a lookup in the
 * merge loop allocates nothing. Filled once at load, then read-only and thread-safe.
 */
final class MergeTable {
    private static final long EMPTY = -1L;

    private final long[] keys;
    private final int[] ranks;
    private final int[] mergedIds;
    private final int mask;
    private int size;

    MergeTable(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[capacity];
        java.util.Arrays.fill(keys, EMPTY);
        ranks = new int[capacity];
        mergedIds = new int[capacity];
        mask = capacity - 1;
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        int i = (int) (h >>> 40) & mask;
        while (keys[i] != EMPTY && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    /** Adds a merge; a pair listed twice keeps its last rank, as the Hugging Face loader does. */
    void put(int left, int right, int rank, int mergedId) {
        if (size * 2 >= keys.length) {
            throw new IllegalStateException("merge table is full: created for fewer merges");
        }
        long key = key(left, right);
        int i = slot(key);
        if (keys[i] == EMPTY) {
            keys[i] = key;
            size++;
        }
        ranks[i] = rank;
        mergedIds[i] = mergedId;
    }

    /** The slot of the pair's merge, or -1 when the pair does not merge. */
    int find(int left, int right) {
        int i = slot(key(left, right));
        return keys[i] == EMPTY ? -1 : i;
    }

    int rank(int slot) {
        return ranks[slot];
    }

    int mergedId(int slot) {
        return mergedIds[slot];
    }
}
