package io.minnow.runtime.kernel;

import io.minnow.runtime.model.InvalidModelException;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import io.minnow.runtime.model.ModelTensor;
import io.minnow.runtime.model.UnsupportedModelException;

/** Checks kernels make on their operator when they are created. */
final class Kernels {
    private Kernels() {}

    static void requireInputs(ModelOperator op, int min) {
        if (op.inputCount() < min || op.outputCount() < 1) {
            throw new InvalidModelException(op.opName() + " operator #" + op.index() + " needs at least " + min
                    + " inputs and an output, has " + op.inputCount() + " and " + op.outputCount());
        }
        for (int k = 0; k < min; k++) {
            if (op.input(k) < 0) {
                throw new InvalidModelException(op.opName() + " operator #" + op.index() + " lacks input " + k);
            }
        }
    }

    static void requireSameType(ModelOperator op, ModelSubgraph graph, int a, int b) {
        ModelTensor ta = graph.tensor(op.input(a));
        ModelTensor tb = graph.tensor(op.input(b));
        if (ta.dataType() != tb.dataType()) {
            throw new UnsupportedModelException(op.opName() + " operator #" + op.index() + " version " + op.version()
                    + ": mixed input types " + ta.dataType() + " and " + tb.dataType() + " are not supported");
        }
    }

    static ModelTensor input(ModelOperator op, ModelSubgraph graph, int k) {
        return op.input(k) < 0 || k >= op.inputCount() ? null : graph.tensor(op.input(k));
    }

    static ModelTensor output(ModelOperator op, ModelSubgraph graph, int k) {
        return graph.tensor(op.output(k));
    }

    static UnsupportedModelException unsupported(ModelOperator op, String what) {
        return new UnsupportedModelException(op.opName() + " operator #" + op.index() + " version " + op.version()
                + ": " + what + " is not supported");
    }
}
