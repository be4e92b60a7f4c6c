package io.minnow.modeltools.tokenizer;

import java.util.HashSet;
import java.util.List;

/**
 * Settings of a BPE training run. {@code vocabSize} counts special tokens, the 256 byte symbols and the
 * merges; {@code minFrequency} is the fewest times a pair must occur to be merged. Immutable.
 */
public record BpeTrainerConfig(int vocabSize, int minFrequency, List<String> specialTokens) {
    public BpeTrainerConfig {
        specialTokens = List.copyOf(specialTokens);
        if (vocabSize < 256 + specialTokens.size()) {
            throw new IllegalArgumentException("vocabSize must be at least 256 + " + specialTokens.size()
                    + " special tokens = " + (256 + specialTokens.size()) + ", got " + vocabSize);
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minFrequency must be at least 1, got " + minFrequency);
        }
        if (new HashSet<>(specialTokens).size() != specialTokens.size() || specialTokens.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("special tokens must be distinct and non-empty, got " + specialTokens);
        }
    }
}
