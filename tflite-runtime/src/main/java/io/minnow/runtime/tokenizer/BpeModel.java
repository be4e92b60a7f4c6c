package io.minnow.runtime.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BPE model of a {@code tokenizer.json}: a pre-token starts as one symbol per character (or, with byte
 * fallback, one {@code <0xNN>} symbol per UTF-8 byte of a character missing from the vocabulary), then the
 * adjacent pair with the lowest merge rank is joined until no pair merges. Results are cached per pre-token.
 * Immutable apart from its cache; thread-safe.
 */
final class BpeModel {
    /** Hugging Face caches up to this many words; it bounds memory on long-running boards too. */
    private static final int CACHE_CAPACITY = 10_000;
    /** Longer pre-tokens (whole texts, for models without a pre-tokenizer) are not worth keeping. */
    private static final int CACHE_MAX_WORD_LENGTH = 128;

    private final Map<String, Integer> vocab;
    private final int[] bmpCharIds;
    private final MergeTable merges;
    private final int[] rankToMergedId;
    private final int unkId;
    private final boolean fuseUnk;
    private final int[] byteIds;
    private final boolean ignoreMerges;
    private final ConcurrentHashMap<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param vocab token string to id, handed over: the caller must not change it afterwards
     * @param merges the merge table, and {@code rankToMergedId} the id each rank produces
     * @param unkId the unknown token's id, or -1 when characters outside the vocabulary are dropped
     * @param byteFallback whether characters outside the vocabulary become {@code <0xNN>} tokens
     */
    BpeModel(Map<String, Integer> vocab, MergeTable merges, int[] rankToMergedId, int unkId, boolean fuseUnk,
            boolean byteFallback, boolean ignoreMerges) {
        this.vocab = vocab;
        this.merges = merges;
        this.rankToMergedId = rankToMergedId;
        this.unkId = unkId;
        this.fuseUnk = fuseUnk;
        this.ignoreMerges = ignoreMerges;
        bmpCharIds = new int[65536];
        Arrays.fill(bmpCharIds, -1);
        for (Map.Entry<String, Integer> e : vocab.entrySet()) {
            if (e.getKey().length() == 1) {
                bmpCharIds[e.getKey().charAt(0)] = e.getValue();
            }
        }
        if (byteFallback) {
            byteIds = new int[256];
            for (int b = 0; b < 256; b++) {
                byteIds[b] = vocab.getOrDefault(String.format("<0x%02X>", b), -1);
            }
        } else {
            byteIds = null;
        }
    }

    /** Appends the ids of one pre-token to {@code out}. */
    void encodeWord(String word, IntList out) {
        int[] cached = cache.get(word);
        if (cached != null) {
            out.addAll(cached);
            return;
        }
        int[] ids = computeWord(word);
        if (word.length() <= CACHE_MAX_WORD_LENGTH && cache.size() < CACHE_CAPACITY) {
            cache.putIfAbsent(word, ids);
        }
        out.addAll(ids);
    }

    private int[] computeWord(String word) {
        if (ignoreMerges) {
            Integer whole = vocab.get(word);
            if (whole != null) {
                return new int[] {whole};
            }
        }
        int[] symbols = initialSymbols(word);
        return merge(symbols, symbols.length);
    }

    /** One symbol per character, falling back to byte tokens or the unknown token. */
    private int[] initialSymbols(String word) {
        IntList symbols = new IntList(byteIds != null ? word.length() * 3 : word.length());
        boolean pendingUnk = false;
        for (int i = 0; i < word.length(); ) {
            int codePoint = word.codePointAt(i);
            int end = i + Character.charCount(codePoint);
            int id = end == i + 1 ? bmpCharIds[word.charAt(i)] : vocab.getOrDefault(word.substring(i, end), -1);
            if (id >= 0) {
                if (pendingUnk) {
                    symbols.add(unkId);
                    pendingUnk = false;
                }
                symbols.add(id);
            } else if (!addBytes(word.substring(i, end), symbols) && unkId >= 0) {
                if (pendingUnk && !fuseUnk) {
                    symbols.add(unkId);
                }
                pendingUnk = true;
            }
            i = end;
        }
        if (pendingUnk) {
            symbols.add(unkId);
        }
        return symbols.toArray();
    }

    private boolean addBytes(String character, IntList symbols) {
        if (byteIds == null) {
            return false;
        }
        byte[] bytes = character.getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            if (byteIds[b & 0xFF] < 0) {
                return false;
            }
        }
        for (byte b : bytes) {
            symbols.add(byteIds[b & 0xFF]);
        }
        return true;
    }

    /**
     * Joins pairs lowest rank first (leftmost among equal ranks) over a linked list of symbols, with a binary
     * heap of {@code rank << 32 | position} candidates. A candidate is stale when its pair has changed since it
     * was queued; like the reference it is still taken if the new pair produces the same token.
     */
    private int[] merge(int[] ids, int n) {
        if (n < 2) {
            return ids;
        }
        int[] next = new int[n];
        int[] prev = new int[n];
        long[] heap = new long[3 * n];
        int heapSize = 0;
        for (int i = 0; i < n; i++) {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
            if (i + 1 < n) {
                int slot = merges.find(ids[i], ids[i + 1]);
                if (slot >= 0) {
                    heapSize = push(heap, heapSize, ((long) merges.rank(slot) << 32) | i);
                }
            }
        }
        int remaining = n;
        while (heapSize > 0) {
            long top = heap[0];
            heapSize = pop(heap, heapSize);
            int rank = (int) (top >>> 32);
            int pos = (int) top;
            int right = next[pos];
            if (ids[pos] < 0 || right < 0) {
                continue;
            }
            int slot = merges.find(ids[pos], ids[right]);
            if (slot < 0 || merges.mergedId(slot) != rankToMergedId[rank]) {
                continue;
            }
            ids[pos] = rankToMergedId[rank];
            ids[right] = -1;
            remaining--;
            next[pos] = next[right];
            if (next[pos] >= 0) {
                prev[next[pos]] = pos;
            }
            if (prev[pos] >= 0) {
                int left = merges.find(ids[prev[pos]], ids[pos]);
                if (left >= 0) {
                    heapSize = push(heap, heapSize, ((long) merges.rank(left) << 32) | prev[pos]);
                }
            }
            if (next[pos] >= 0) {
                int after = merges.find(ids[pos], ids[next[pos]]);
                if (after >= 0) {
                    heapSize = push(heap, heapSize, ((long) merges.rank(after) << 32) | pos);
                }
            }
        }
        int[] result = new int[remaining];
        for (int i = 0, k = 0; i >= 0; i = next[i]) {
            result[k++] = ids[i];
        }
        return result;
    }

    private static int push(long[] heap, int size, long value) {
        int i = size;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent] <= value) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = value;
        return size + 1;
    }

    private static int pop(long[] heap, int size) {
        int last = size - 1;
        long value = heap[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && heap[child + 1] < heap[child]) {
                child++;
            }
            if (value <= heap[child]) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = value;
        return last;
    }
}
