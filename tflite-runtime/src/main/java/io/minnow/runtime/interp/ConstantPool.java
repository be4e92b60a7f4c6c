package io.minnow.runtime.interp;

import io.minnow.runtime.kernel.TensorBuffer;
import io.minnow.runtime.model.TfliteModel;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decoded constant tensors per model, keyed by buffer index, so every Java interpreter and every subgraph over
 * one model shares one copy of the weights (int8 weights stay int8). Constants are never written after
 * decoding, so sharing them across threads is safe. Entries go when the model is no longer reachable.
 */
final class ConstantPool {
    private static final Map<TfliteModel, Map<Integer, TensorBuffer>> POOLS = new WeakHashMap<>();

    private ConstantPool() {}

    static synchronized Map<Integer, TensorBuffer> of(TfliteModel model) {
        return POOLS.computeIfAbsent(model, m -> new ConcurrentHashMap<>());
    }
}
