package io.minnow.runtime.kernel;

import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import java.util.Arrays;
import org.tensorflow.lite.schema.ConcatenationOptions;

/** CONCATENATION of any number of same-typed inputs along one axis. */
final class Concatenation implements OpKernel {
    private final int axisOption;

    private Concatenation(int axisOption) {
        this.axisOption = axisOption;
    }

    static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 1);
        for (int k = 1; k < op.inputCount(); k++) {
            Kernels.requireSameType(op, graph, 0, k);
        }
        ConcatenationOptions o = op.options(new ConcatenationOptions());
        if (o != null && o.fusedActivationFunction() != 0) {
            throw Kernels.unsupported(op, "a fused activation");
        }
        return new Concatenation(o == null ? 0 : o.axis());
    }

    @Override
    public void run(OpContext ctx) {
        int count = ctx.inputCount();
        int[] first = ctx.in(0).shape();
        int axis = Shapes.axis(ctx, axisOption, first.length);
        int[] outShape = first.clone();
        outShape[axis] = 0;
        for (int k = 0; k < count; k++) {
            int[] s = ctx.in(k).shape();
            for (int d = 0; d < first.length; d++) {
                if (s.length != first.length || (d != axis && s[d] != first[d])) {
                    throw ctx.error("input " + k + " " + Arrays.toString(s) + " does not fit "
                            + Arrays.toString(first) + " along axis " + axis);
                }
            }
            outShape[axis] += s[axis];
        }
        TensorBuffer out = ctx.out(0, outShape);
        int outer = Shapes.product(first, 0, axis);
        int inner = Shapes.product(first, axis + 1, first.length);
        int outRow = outShape[axis] * inner;
        int offset = 0;
        for (int k = 0; k < count; k++) {
            TensorBuffer in = ctx.in(k);
            int row = in.dim(axis) * inner;
            for (int o = 0; o < outer; o++) {
                out.copyFrom(in, o * row, o * outRow + offset, row);
            }
            offset += row;
        }
    }
}
