package io.minnow.runtime.kernel;

import io.minnow.runtime.DataType;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import java.util.Arrays;
import org.tensorflow.lite.schema.ArgMaxOptions;
import org.tensorflow.lite.schema.TensorType;

/** Small kernels: CAST, SELECT_V2 and ARG_MAX. */
final class MiscKernels {
    private MiscKernels() {}

    /** CAST between float32, int32, int64, int8 and bool; float to integer truncates toward zero. */
    static OpKernel cast(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 1);
        if (Kernels.input(op, graph, 0).quantization().isQuantized()
                || Kernels.output(op, graph, 0).quantization().isQuantized()) {
            throw Kernels.unsupported(op, "casting quantized tensors");
        }
        return ctx -> {
            TensorBuffer in = ctx.in(0);
            TensorBuffer out = ctx.out(0, in.shape());
            for (int k = 0; k < in.size(); k++) {
                double v = in.get(k);
                switch (out.type) {
                    case FLOAT32 -> out.f[k] = (float) v;
                    case INT32 -> out.i[k] = in.type == DataType.INT64 ? (int) in.l[k] : (int) v;
                    case INT64 -> out.l[k] = in.type == DataType.INT64 ? in.l[k] : (long) v;
                    case BOOL -> out.b[k] = v != 0 ? (byte) 1 : 0;
                    default -> out.b[k] = (byte) (long) v;
                }
            }
        };
    }

    /** SELECT_V2: {@code cond ? x : y} with all three broadcast together. */
    static OpKernel selectV2(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 3);
        Kernels.requireSameType(op, graph, 1, 2);
        if (Kernels.input(op, graph, 0).dataType() != DataType.BOOL) {
            throw Kernels.unsupported(op, "a " + Kernels.input(op, graph, 0).dataType() + " condition");
        }
        return ctx -> {
            TensorBuffer c = ctx.in(0);
            TensorBuffer x = ctx.in(1);
            TensorBuffer y = ctx.in(2);
            int[] shape = Shapes.broadcast(c.shape(), x.shape());
            shape = shape == null ? null : Shapes.broadcast(shape, y.shape());
            if (shape == null) {
                throw ctx.error("shapes " + Arrays.toString(c.shape()) + ", " + Arrays.toString(x.shape()) + ", "
                        + Arrays.toString(y.shape()) + " do not broadcast");
            }
            TensorBuffer out = ctx.out(0, shape);
            int[] ic = Shapes.broadcastIndex(c.shape(), shape);
            int[] ix = Shapes.broadcastIndex(x.shape(), shape);
            int[] iy = Shapes.broadcastIndex(y.shape(), shape);
            for (int k = 0; k < out.size(); k++) {
                boolean pick = c.b[ic == null ? k : ic[k]] != 0;
                if (pick) {
                    out.copyFrom(x, ix == null ? k : ix[k], k, 1);
                } else {
                    out.copyFrom(y, iy == null ? k : iy[k], k, 1);
                }
            }
        };
    }

    /** ARG_MAX along the axis given as the second input; the first maximum wins ties. */
    static OpKernel argMax(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 2);
        ArgMaxOptions o = op.options(new ArgMaxOptions());
        boolean int64 = o == null || o.outputType() == TensorType.INT64;
        DataType declared = Kernels.output(op, graph, 0).dataType();
        if (declared != (int64 ? DataType.INT64 : DataType.INT32)) {
            throw Kernels.unsupported(op, "output type " + declared + " differing from its options");
        }
        return ctx -> {
            TensorBuffer in = ctx.in(0);
            TensorBuffer axisInput = ctx.in(1);
            if (axisInput.size() != 1) {
                throw ctx.error("the axis must be a single value");
            }
            int[] s = in.shape();
            int axis = Shapes.axis(ctx, axisInput.index(0), s.length);
            int[] outShape = new int[s.length - 1];
            System.arraycopy(s, 0, outShape, 0, axis);
            System.arraycopy(s, axis + 1, outShape, axis, s.length - axis - 1);
            TensorBuffer out = ctx.out(0, outShape);
            int outer = Shapes.product(s, 0, axis);
            int depth = s[axis];
            int inner = Shapes.product(s, axis + 1, s.length);
            for (int o1 = 0; o1 < outer; o1++) {
                for (int i = 0; i < inner; i++) {
                    int best = 0;
                    double bestValue = Double.NEGATIVE_INFINITY;
                    for (int d = 0; d < depth; d++) {
                        double v = in.get((o1 * depth + d) * inner + i);
                        if (v > bestValue || d == 0) {
                            bestValue = v;
                            best = d;
                        }
                    }
                    int k = o1 * inner + i;
                    if (out.type == DataType.INT64) {
                        out.l[k] = best;
                    } else {
                        out.i[k] = best;
                    }
                }
            }
        };
    }
}
