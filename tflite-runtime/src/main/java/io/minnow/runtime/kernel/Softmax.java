package io.minnow.runtime.kernel;

import io.minnow.runtime.DataType;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.SoftmaxOptions;

/**
 * SOFTMAX ({@code exp(beta·(x − max)) / Σ}) and LOG_SOFTMAX ({@code x − max − log Σ exp(x − max)}) over the
 * last axis, float32. Subtracting the row maximum keeps exp from overflowing; a row of -1e9 mask values stays
 * finite.
 */
final class Softmax implements OpKernel {
    private final boolean log;
    private final float beta;

    private Softmax(boolean log, float beta) {
        this.log = log;
        this.beta = beta;
    }

    static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 1);
        if (Kernels.input(op, graph, 0).dataType() != DataType.FLOAT32) {
            throw Kernels.unsupported(op, Kernels.input(op, graph, 0).dataType() + " input");
        }
        boolean log = op.builtinCode() == BuiltinOperator.LOG_SOFTMAX;
        SoftmaxOptions o = log ? null : op.options(new SoftmaxOptions());
        return new Softmax(log, o == null ? 1f : o.beta());
    }

    @Override
    public void run(OpContext ctx) {
        TensorBuffer in = ctx.in(0);
        int[] s = in.shape();
        TensorBuffer out = ctx.out(0, s);
        int depth = s.length == 0 ? 1 : s[s.length - 1];
        int rows = depth == 0 ? 0 : in.size() / depth;
        float[] x = in.f;
        float[] y = out.f;
        ctx.parallel().forRange(rows, depth * 8L, (from, to) -> {
            for (int r = from; r < to; r++) {
                int base = r * depth;
                float max = Float.NEGATIVE_INFINITY;
                for (int k = 0; k < depth; k++) {
                    max = Math.max(max, x[base + k]);
                }
                if (log) {
                    float sum = 0f;
                    for (int k = 0; k < depth; k++) {
                        sum += (float) Math.exp(x[base + k] - max);
                    }
                    float logSum = (float) Math.log(sum);
                    for (int k = 0; k < depth; k++) {
                        y[base + k] = x[base + k] - max - logSum;
                    }
                } else {
                    float sum = 0f;
                    for (int k = 0; k < depth; k++) {
                        float e = (float) Math.exp(beta * (x[base + k] - max));
                        y[base + k] = e;
                        sum += e;
                    }
                    float inv = 1f / sum;
                    for (int k = 0; k < depth; k++) {
                        y[base + k] *= inv;
                    }
                }
            }
        });
    }
}
