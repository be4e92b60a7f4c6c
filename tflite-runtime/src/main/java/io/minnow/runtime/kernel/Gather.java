package io.minnow.runtime.kernel;

import io.minnow.runtime.DataType;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import io.minnow.runtime.model.ModelTensor;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.GatherOptions;

/**
 * GATHER (slices of {@code params} along {@code axis}, picked by int32/int64 indices; output shape {@code
 * params[:axis] + indices + params[axis+1:]}) and EMBEDDING_LOOKUP (rows of a table by int32 ids; an int8 table
 * with a float32 output is dequantized with its per-tensor scale, as TensorFlow Lite's hybrid lookup does).
 * An index out of range is an error naming it, never a wrap-around.
 */
final class Gather implements OpKernel {
    private final boolean embedding;
    private final int axisOption;
    private final boolean dequantize;

    private Gather(boolean embedding, int axisOption, boolean dequantize) {
        this.embedding = embedding;
        this.axisOption = axisOption;
        this.dequantize = dequantize;
    }

    static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 2);
        boolean embedding = op.builtinCode() == BuiltinOperator.EMBEDDING_LOOKUP;
        ModelTensor params = Kernels.input(op, graph, embedding ? 1 : 0);
        ModelTensor indices = Kernels.input(op, graph, embedding ? 0 : 1);
        ModelTensor out = Kernels.output(op, graph, 0);
        if (indices.dataType() != DataType.INT32 && indices.dataType() != DataType.INT64) {
            throw Kernels.unsupported(op, indices.dataType() + " indices");
        }
        int axis = 0;
        if (!embedding) {
            GatherOptions o = op.options(new GatherOptions());
            if (o != null && o.batchDims() != 0) {
                throw Kernels.unsupported(op, "batch_dims " + o.batchDims());
            }
            axis = o == null ? 0 : o.axis();
        }
        boolean dequantize = params.dataType() == DataType.INT8 && out.dataType() == DataType.FLOAT32;
        if (!dequantize && params.dataType() != out.dataType()) {
            throw Kernels.unsupported(op, params.dataType() + " params with a " + out.dataType() + " output");
        }
        return new Gather(embedding, axis, dequantize);
    }

    @Override
    public void run(OpContext ctx) {
        TensorBuffer params = ctx.in(embedding ? 1 : 0);
        TensorBuffer indices = ctx.in(embedding ? 0 : 1);
        int[] ps = params.shape();
        int axis = Shapes.axis(ctx, axisOption, ps.length);
        int[] is = indices.shape();
        int[] outShape = new int[ps.length - 1 + is.length];
        System.arraycopy(ps, 0, outShape, 0, axis);
        System.arraycopy(is, 0, outShape, axis, is.length);
        System.arraycopy(ps, axis + 1, outShape, axis + is.length, ps.length - axis - 1);
        TensorBuffer out = ctx.out(0, outShape);
        int outer = Shapes.product(ps, 0, axis);
        int limit = ps[axis];
        int inner = Shapes.product(ps, axis + 1, ps.length);
        int count = indices.size();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < count; j++) {
                long idx = indices.index(j);
                if (idx < 0 || idx >= limit) {
                    throw ctx.error("index " + idx + " is out of range [0, " + limit + ")");
                }
                int from = (o * limit + (int) idx) * inner;
                int to = (o * count + j) * inner;
                if (dequantize) {
                    float scale = params.quantization.isQuantized() ? params.quantization.scale(0) : 1f;
                    long zero = params.quantization.isQuantized() ? params.quantization.zeroPoint(0) : 0;
                    for (int k = 0; k < inner; k++) {
                        out.f[to + k] = scale * (params.b[from + k] - zero);
                    }
                } else {
                    out.copyFrom(params, from, to, inner);
                }
            }
        }
    }
}
