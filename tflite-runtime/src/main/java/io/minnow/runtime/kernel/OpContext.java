package io.minnow.runtime.kernel;

import io.minnow.runtime.model.ModelOperator;

/**
 * What a kernel sees of its operator while it runs: its input buffers, its output buffers (sized on request)
 * and the interpreter's worker threads. Not thread-safe.
 */
public final class OpContext {
    private final ModelOperator op;
    private final TensorBuffer[] tensors;
    private final Parallel parallel;

    public OpContext(ModelOperator op, TensorBuffer[] tensors, Parallel parallel) {
        this.op = op;
        this.tensors = tensors;
        this.parallel = parallel;
    }

    public ModelOperator op() {
        return op;
    }

    public int inputCount() {
        return op.inputCount();
    }

    /** Input {@code k}, or {@code null} when the optional input is omitted or absent. */
    public TensorBuffer in(int k) {
        if (k >= op.inputCount() || op.input(k) < 0) {
            return null;
        }
        return tensors[op.input(k)];
    }

    /** Output {@code k} resized to {@code shape}. */
    public TensorBuffer out(int k, int[] shape) {
        return tensors[op.output(k)].resize(shape);
    }

    public Parallel parallel() {
        return parallel;
    }

    /** An exception for bad run-time input, naming the operator. */
    public IllegalArgumentException error(String message) {
        return new IllegalArgumentException(op.opName() + " operator #" + op.index() + ": " + message);
    }
}
