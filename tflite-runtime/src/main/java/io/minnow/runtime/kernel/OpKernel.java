package io.minnow.runtime.kernel;

/**
 * Runs one operator. Created once per operator when an interpreter is built (reading and checking the
 * operator's options then); {@link #run} computes the output shapes from the current input shapes, sizes the
 * outputs through the context and fills them. Instances are used by one thread at a time.
 */
@FunctionalInterface
public interface OpKernel {
    void run(OpContext ctx);
}
