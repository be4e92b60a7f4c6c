package io.minnow.runtime.interp;

import io.minnow.runtime.kernel.KernelRegistry;
import io.minnow.runtime.kernel.OpContext;
import io.minnow.runtime.kernel.OpKernel;
import io.minnow.runtime.kernel.Parallel;
import io.minnow.runtime.kernel.TensorBuffer;
import io.minnow.runtime.model.InvalidModelException;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import io.minnow.runtime.model.ModelTensor;
import java.util.Map;

/**
 * Runs one subgraph: a buffer per tensor (constants decoded once and shared through {@code constants}), a
 * kernel per operator, executed in file order. Shapes are re-derived on every run from the input shapes, so
 * resizing an input needs no separate planning step, and buffers are reused once large enough.
 *
 * <p>Not thread-safe; owned by one {@link JavaInterpreter}.
 */
final class GraphExecutor {
    private final ModelSubgraph graph;
    private final TensorBuffer[] tensors;
    private final OpKernel[] kernels;
    private final OpContext[] contexts;

    GraphExecutor(ModelSubgraph graph, Map<Integer, TensorBuffer> constants, Parallel parallel) {
        this.graph = graph;
        this.tensors = new TensorBuffer[graph.tensors().size()];
        for (ModelTensor t : graph.tensors()) {
            if (t.isConstant()) {
                tensors[t.index()] = constants.computeIfAbsent(t.buffer(),
                        b -> TensorBuffer.constant(t.dataType(), t.quantization(), t.shape(), t.data()));
                if (tensors[t.index()].type != t.dataType() || tensors[t.index()].size() != t.elementCount()) {
                    // Two tensors viewing one buffer with different types or sizes get their own copy.
                    tensors[t.index()] = TensorBuffer.constant(t.dataType(), t.quantization(), t.shape(), t.data());
                }
                tensors[t.index()] = reshapedView(tensors[t.index()], t);
            } else {
                tensors[t.index()] = new TensorBuffer(t.dataType(), t.quantization(), t.shape());
            }
        }
        this.kernels = new OpKernel[graph.operators().size()];
        this.contexts = new OpContext[kernels.length];
        for (ModelOperator op : graph.operators()) {
            for (int out : op.outputs()) {
                if (graph.tensor(out).isConstant()) {
                    throw new InvalidModelException(op.opName() + " operator #" + op.index() + " writes constant "
                            + graph.tensor(out));
                }
            }
            kernels[op.index()] = KernelRegistry.create(op, graph);
            contexts[op.index()] = new OpContext(op, tensors, parallel);
        }
    }

    /** Constant buffers are shared; one viewed with another shape or quantization gets its own holder. */
    private static TensorBuffer reshapedView(TensorBuffer shared, ModelTensor t) {
        if (java.util.Arrays.equals(shared.shape(), t.shape()) && shared.quantization.equals(t.quantization())) {
            return shared;
        }
        return TensorBuffer.constant(t.dataType(), t.quantization(), t.shape(), t.data());
    }

    ModelSubgraph graph() {
        return graph;
    }

    TensorBuffer tensor(int index) {
        return tensors[index];
    }

    private String shapes(ModelOperator op) {
        StringBuilder sb = new StringBuilder();
        for (int t : op.inputs()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(t < 0 ? "none" : tensors[t].toString());
        }
        return sb.toString();
    }

    void run() {
        for (int k = 0; k < kernels.length; k++) {
            try {
                kernels[k].run(contexts[k]);
            } catch (IndexOutOfBoundsException | NegativeArraySizeException | ArithmeticException e) {
                // Kernels check the shapes they rely on; this is the backstop for a model whose tensors
                // contradict each other in a way no check foresaw. Name the operator instead of leaking an index.
                ModelOperator op = graph.operators().get(k);
                throw new IllegalArgumentException(op.opName() + " operator #" + op.index() + " of subgraph "
                        + graph.index() + " cannot run on inputs " + shapes(op) + " (" + e + ")", e);
            }
        }
    }
}
