package io.minnow.runtime.kernel;

import io.minnow.runtime.DataType;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.ReducerOptions;

/**
 * MEAN and SUM over the axes given as the second input (negative axes count from the end; repeats are
 * ignored), keeping reduced axes as size 1 when {@code keep_dims}. Float sums run in float in index order;
 * int32 MEAN truncates like TensorFlow Lite's integer division.
 */
final class Reduce implements OpKernel {
    private final boolean mean;
    private final boolean keepDims;

    private Reduce(boolean mean, boolean keepDims) {
        this.mean = mean;
        this.keepDims = keepDims;
    }

    static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 2);
        ReducerOptions o = op.options(new ReducerOptions());
        return new Reduce(op.builtinCode() == BuiltinOperator.MEAN, o != null && o.keepDims());
    }

    private static boolean lastAxisOnly(boolean[] reduced) {
        for (int k = 0; k < reduced.length - 1; k++) {
            if (reduced[k]) {
                return false;
            }
        }
        return reduced.length > 0 && reduced[reduced.length - 1];
    }

    /** The common case (LayerNorm statistics): reduce contiguous rows, same order as the general loop. */
    private void reduceRows(float[] x, float[] y, int rows, int depth) {
        for (int r = 0; r < rows; r++) {
            float sum = 0f;
            int base = r * depth;
            for (int k = 0; k < depth; k++) {
                sum += x[base + k];
            }
            y[r] = mean ? sum / depth : sum;
        }
    }

    @Override
    public void run(OpContext ctx) {
        TensorBuffer in = ctx.in(0);
        TensorBuffer axes = ctx.in(1);
        int[] s = in.shape();
        boolean[] reduced = new boolean[s.length];
        for (int k = 0; k < axes.size(); k++) {
            reduced[Shapes.axis(ctx, axes.index(k), s.length)] = true;
        }
        int outRank = 0;
        for (int k = 0; k < s.length; k++) {
            outRank += keepDims || !reduced[k] ? 1 : 0;
        }
        int[] outShape = new int[outRank];
        int[] kept = new int[s.length];
        int j = 0;
        for (int k = 0; k < s.length; k++) {
            if (keepDims) {
                outShape[j++] = reduced[k] ? 1 : s[k];
            } else if (!reduced[k]) {
                outShape[j++] = s[k];
            }
            kept[k] = reduced[k] ? 1 : s[k];
        }
        TensorBuffer out = ctx.out(0, outShape);
        int n = out.size();
        if (in.type == DataType.FLOAT32 && lastAxisOnly(reduced) && n > 0) {
            reduceRows(in.f, out.f, n, in.size() / n);
            return;
        }
        int[] target = Shapes.broadcastIndex(kept, s);
        int count = n == 0 ? 0 : in.size() / n;
        if (in.type == DataType.FLOAT32) {
            java.util.Arrays.fill(out.f, 0, n, 0f);
            for (int e = 0; e < in.size(); e++) {
                out.f[target == null ? e : target[e]] += in.f[e];
            }
            if (mean) {
                for (int e = 0; e < n; e++) {
                    out.f[e] /= count;
                }
            }
        } else {
            long[] acc = new long[n];
            for (int e = 0; e < in.size(); e++) {
                acc[target == null ? e : target[e]] += (long) in.get(e);
            }
            for (int e = 0; e < n; e++) {
                out.i[e] = (int) (mean ? acc[e] / count : acc[e]);
            }
        }
    }
}
