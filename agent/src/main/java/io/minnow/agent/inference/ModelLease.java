package io.minnow.agent.inference;

import io.minnow.runtime.generate.Generator;

/**
 * The right to run one generation on a model: while a lease is open the model is not closed, even if another
 * model replaces it meanwhile. Close it on the thread that acquired it, when the generation is answered.
 */
public interface ModelLease extends AutoCloseable {

    Generator generator();

    @Override
    void close();
}
