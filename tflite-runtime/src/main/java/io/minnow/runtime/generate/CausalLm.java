package io.minnow.runtime.generate;

import java.util.Optional;

/**
 * A causal language model with its running state: the tokens seen so far. The generation loop only talks to
 * this, so it works the same for every model convention and can be tested with a fake.
 *
 * <p>Not thread-safe: one generation at a time owns an instance (and the interpreter inside it).
 */
public interface CausalLm extends AutoCloseable {

    /** The most tokens the state can hold. */
    int contextLength();

    int vocabSize();

    /** Tokens in the state now. */
    int length();

    /**
     * Runs the model on {@code tokens} after the current state and keeps them in it.
     *
     * @return the logits for the token that follows the last one given ({@link #vocabSize()} values)
     * @throws IllegalArgumentException if the tokens are empty or would not fit in the context
     */
    float[] append(int[] tokens);

    /** Forgets every token after the first {@code length}; 0 empties the state. */
    void truncate(int length);

    /**
     * A copy of the state that {@link #restore} can bring back later, or empty when this model has nothing
     * worth keeping (a window model recomputes everything on every step anyway).
     */
    Optional<LmSnapshot> snapshot();

    /** Replaces the state with a snapshot this model (or one of the same bundle) took. */
    void restore(LmSnapshot snapshot);

    @Override
    void close();
}
