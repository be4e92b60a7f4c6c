package io.minnow.modeltools.tokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns a byte-level BPE vocabulary from text: words are pre-tokenized the GPT-2 way, then the most frequent
 * adjacent pair of symbols is merged until the vocabulary is full or no pair occurs {@code minFrequency}
 * times. Ties go to the pair whose symbols sort first, so the result depends only on the text and the
 * config. Ids: special tokens first (in config order), then the 256 byte symbols, then merged tokens.
 *
 * <p>Each round recounts pairs over the distinct words, which is quick for corpora of a few million words
 * with a vocabulary of a few thousand. Stateless and thread-safe.
 */
public final class BpeTrainer {

    private final BpeTrainerConfig config;

    public BpeTrainer(BpeTrainerConfig config) {
        this.config = config;
    }

    /** Learns the vocabulary and merges of {@code texts}; special tokens in them are never merged. */
    public BpeModel train(Iterable<String> texts) {
        Map<String, Long> wordCounts = new LinkedHashMap<>();
        for (String text : texts) {
            for (ByteLevelText.Segment seg : ByteLevelText.splitSpecials(text, config.specialTokens())) {
                if (!seg.special()) {
                    for (String w : ByteLevelText.words(seg.text())) {
                        wordCounts.merge(w, 1L, Long::sum);
                    }
                }
            }
        }
        List<String> vocab = new ArrayList<>(config.specialTokens());
        Map<String, Integer> ids = new HashMap<>();
        for (String s : config.specialTokens()) {
            ids.put(s, ids.size());
        }
        for (String c : ByteLevelText.alphabet()) {
            ids.put(c, vocab.size());
            vocab.add(c);
        }
        List<int[]> words = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        wordCounts.forEach((w, n) -> {
            int[] symbols = new int[w.length()];
            for (int i = 0; i < w.length(); i++) {
                symbols[i] = ids.get(String.valueOf(w.charAt(i)));
            }
            words.add(symbols);
            counts.add(n);
        });

        List<String[]> merges = new ArrayList<>();
        while (vocab.size() < config.vocabSize()) {
            Map<Long, Long> pairCounts = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                int[] s = words.get(w);
                for (int i = 0; i + 1 < s.length; i++) {
                    pairCounts.merge(pairKey(s[i], s[i + 1]), counts.get(w), Long::sum);
                }
            }
            long bestKey = -1;
            long bestCount = 0;
            for (Map.Entry<Long, Long> e : pairCounts.entrySet()) {
                long n = e.getValue();
                if (n > bestCount || n == bestCount && comparePairs(e.getKey(), bestKey, vocab) < 0) {
                    bestKey = e.getKey();
                    bestCount = n;
                }
            }
            if (bestCount < config.minFrequency() || bestKey < 0) {
                break;
            }
            int a = (int) (bestKey >>> 32);
            int b = (int) bestKey;
            String merged = vocab.get(a) + vocab.get(b);
            Integer id = ids.get(merged);
            if (id == null) {
                id = vocab.size();
                ids.put(merged, id);
                vocab.add(merged);
            }
            merges.add(new String[] {vocab.get(a), vocab.get(b)});
            for (int w = 0; w < words.size(); w++) {
                words.set(w, applyMerge(words.get(w), a, b, id));
            }
        }
        return new BpeModel(vocab, merges, config.specialTokens());
    }

    private static long pairKey(int a, int b) {
        return ((long) a << 32) | (b & 0xFFFFFFFFL);
    }

    private static int comparePairs(long x, long y, List<String> vocab) {
        if (y < 0) {
            return -1;
        }
        int c = vocab.get((int) (x >>> 32)).compareTo(vocab.get((int) (y >>> 32)));
        return c != 0 ? c : vocab.get((int) x).compareTo(vocab.get((int) y));
    }

    private static int[] applyMerge(int[] s, int a, int b, int merged) {
        int n = 0;
        int[] out = null;
        for (int i = 0; i < s.length; i++) {
            if (i + 1 < s.length && s[i] == a && s[i + 1] == b) {
                if (out == null) {
                    out = new int[s.length - 1];
                    System.arraycopy(s, 0, out, 0, i);
                    n = i;
                }
                out[n++] = merged;
                i++;
            } else if (out != null) {
                out[n++] = s[i];
            }
        }
        return out == null ? s : java.util.Arrays.copyOf(out, n);
    }
}
