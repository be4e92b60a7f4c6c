package io.minnow.runtime;

import io.minnow.runtime.model.TfliteModel;
import java.util.List;
import java.util.Map;

/**
 * Runs one TensorFlow Lite model. Inputs and outputs are addressed by their index in {@link #inputs()} and
 * {@link #outputs()} (not the subgraph tensor index), or by name.
 *
 * <p>Not thread-safe: one thread at a time. Create one interpreter per thread over the same {@link
 * TfliteModel}; the model's weights are shared, not copied. Close it to free native memory.
 */
public interface Interpreter extends AutoCloseable {

    /** Which backend this is. */
    Backend backend();

    List<TensorInfo> inputs();

    List<TensorInfo> outputs();

    /** The position of the named input in {@link #inputs()}; throws if there is none of that name. */
    int inputIndex(String name);

    /** The position of the named output in {@link #outputs()}; throws if there is none of that name. */
    int outputIndex(String name);

    /** Signature keys in the model, in file order; empty when the model declares none. */
    List<String> signatureKeys();

    /**
     * Runs a signature (e.g. {@code prefill} or {@code decode}) with inputs named by the signature's input
     * names, resizing inputs to the given shapes, and returns its outputs by signature output name.
     */
    Map<String, Tensor> runSignature(String signatureKey, Map<String, Tensor> inputs);

    /** Changes an input's shape; outputs and intermediates are re-planned before the next run. */
    void resizeInput(int inputIndex, int[] shape);

    /** Copies {@code value} into the input; its type and shape must match the input's. */
    void setInput(int inputIndex, Tensor value);

    /** Runs the model's main subgraph on the inputs set so far. */
    void run();

    /** A copy of an output of the last run. */
    Tensor output(int outputIndex);

    @Override
    void close();
}
