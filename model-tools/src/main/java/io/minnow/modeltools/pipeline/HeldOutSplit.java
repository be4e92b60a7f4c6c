package io.minnow.modeltools.pipeline;

import io.minnow.modeltools.corpus.Example;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Splits an operator's examples into training and held-out sets (seeded), after checking there is enough
 * data to train a tokenizer and a model at all. Stateless and thread-safe.
 */
public final class HeldOutSplit {

    /** Fewest examples accepted: fewer cannot train a tokenizer and still hold some out. */
    public static final int MIN_EXAMPLES = 20;
    /** Fewest characters of text accepted. */
    public static final int MIN_CHARACTERS = 2_000;
    /** Largest share held out: the rest must still train the model. */
    public static final double MAX_FRACTION = 0.5;
    /** Most held-out examples, so evaluation stays quick on big corpora. */
    public static final int MAX_HELD_OUT = 500;

    /** Training and held-out examples. */
    public record Split(List<Example> train, List<Example> heldOut) {}

    private HeldOutSplit() {}

    /**
     * @param source names the data in error messages
     * @param fraction the share of distinct examples to hold out, in (0, {@link #MAX_FRACTION}]; every copy of
     *     a repeated example lands on the same side
     */
    public static Split split(List<Example> examples, double fraction, long seed, String source) {
        if (!(fraction > 0 && fraction <= MAX_FRACTION)) {
            throw new IllegalArgumentException("held-out fraction must be in (0, " + MAX_FRACTION + "], got " + fraction);
        }
        long characters = examples.stream().mapToLong(e -> e.prompt().length() + e.answer().length()).sum();
        if (examples.size() < MIN_EXAMPLES || characters < MIN_CHARACTERS) {
            throw new IllegalArgumentException(String.format(
                    "%s is too small to train on: %d examples and %,d characters; at least %d examples and %,d "
                            + "characters are needed (more is better: the default model trains on ~46,000 examples)",
                    source, examples.size(), characters, MIN_EXAMPLES, MIN_CHARACTERS));
        }
        // Repeated examples are split as one: a copy on each side would score memory, not generalisation.
        List<Example> shuffled = new ArrayList<>(new LinkedHashSet<>(examples));
        if (shuffled.size() < 2) {
            // One distinct example, however often repeated, would go wholly to the held-out side.
            throw new IllegalArgumentException(source + " has only " + shuffled.size() + " distinct example, repeated "
                    + examples.size() + " times; at least 2 are needed, one to train on and one to hold out");
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Example t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        int held = (int) Math.min(MAX_HELD_OUT, Math.max(1, Math.round(shuffled.size() * fraction)));
        List<Example> heldOut = List.copyOf(shuffled.subList(0, held));
        List<Example> train = new ArrayList<>(shuffled.subList(held, shuffled.size()));
        Map<Example, Integer> copies = new HashMap<>();
        examples.forEach(e -> copies.merge(e, 1, Integer::sum));
        Set<Example> trainSet = new HashSet<>(train);
        for (Example e : examples) {
            // Each repeat of a training example still trains (a repeat weighs it), once per extra copy.
            if (trainSet.contains(e) && copies.merge(e, -1, Integer::sum) > 0) {
                train.add(e);
            }
        }
        return new Split(List.copyOf(train), heldOut);
    }
}
