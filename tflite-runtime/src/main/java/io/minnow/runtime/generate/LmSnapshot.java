package io.minnow.runtime.generate;

/**
 * A frozen copy of a {@link CausalLm}'s state, e.g. the key/value cache of a prompt prefix. Immutable and
 * safe to share between threads and sessions of the same model.
 */
public interface LmSnapshot {

    /** Tokens the snapshot covers. */
    int length();

    /** Heap bytes the snapshot holds, for bounding a cache of them. */
    long sizeBytes();
}
