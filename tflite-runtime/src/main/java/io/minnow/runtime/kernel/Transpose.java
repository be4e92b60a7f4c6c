package io.minnow.runtime.kernel;

import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import java.util.Arrays;

/** TRANSPOSE by a permutation given as the second input. */
final class Transpose implements OpKernel {
    static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 2);
        return new Transpose();
    }

    @Override
    public void run(OpContext ctx) {
        TensorBuffer in = ctx.in(0);
        int[] perm = Shapes.toInts(ctx, ctx.in(1));
        int[] s = in.shape();
        if (perm.length != s.length) {
            throw ctx.error("permutation " + Arrays.toString(perm) + " does not fit rank " + s.length);
        }
        boolean[] seen = new boolean[s.length];
        int[] outShape = new int[s.length];
        for (int k = 0; k < perm.length; k++) {
            int p = Shapes.axis(ctx, perm[k], s.length);
            if (seen[p]) {
                throw ctx.error(Arrays.toString(perm) + " is not a permutation");
            }
            seen[p] = true;
            perm[k] = p;
            outShape[k] = s[p];
        }
        TensorBuffer out = ctx.out(0, outShape);
        int[] inStrides = new int[s.length];
        int stride = 1;
        for (int k = s.length - 1; k >= 0; k--) {
            inStrides[k] = stride;
            stride *= s[k];
        }
        int[] strides = new int[s.length];
        for (int k = 0; k < s.length; k++) {
            strides[k] = inStrides[perm[k]];
        }
        int rank = s.length;
        int n = out.size();
        int last = rank == 0 ? 1 : outShape[rank - 1];
        int lastStride = rank == 0 ? 0 : strides[rank - 1];
        int[] counter = new int[rank];
        int offset = 0;
        for (int e = 0; e < n; e += last) {
            if (lastStride == 1) {
                out.copyFrom(in, offset, e, last);
            } else {
                for (int j = 0; j < last; j++) {
                    out.copyFrom(in, offset + j * lastStride, e + j, 1);
                }
            }
            for (int k = rank - 2; k >= 0; k--) {
                counter[k]++;
                offset += strides[k];
                if (counter[k] < outShape[k]) {
                    break;
                }
                offset -= strides[k] * counter[k];
                counter[k] = 0;
            }
        }
    }
}
