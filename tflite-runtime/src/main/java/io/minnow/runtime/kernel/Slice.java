package io.minnow.runtime.kernel;

import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.StridedSliceOptions;

/**
 * SLICE (begin and size per axis, size -1 meaning "to the end") and STRIDED_SLICE (begin, end, strides with
 * begin/end/shrink-axis masks; negative indices count from the end and are clamped like TensorFlow's).
 * Ellipsis and new-axis masks are rejected when the interpreter is built.
 */
final class Slice implements OpKernel {
    private final boolean strided;
    private final int beginMask;
    private final int endMask;
    private final int shrinkMask;

    private Slice(boolean strided, int beginMask, int endMask, int shrinkMask) {
        this.strided = strided;
        this.beginMask = beginMask;
        this.endMask = endMask;
        this.shrinkMask = shrinkMask;
    }

    static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        boolean strided = op.builtinCode() == BuiltinOperator.STRIDED_SLICE;
        Kernels.requireInputs(op, strided ? 4 : 3);
        if (!strided) {
            return new Slice(false, 0, 0, 0);
        }
        StridedSliceOptions o = op.options(new StridedSliceOptions());
        if (o == null) {
            return new Slice(true, 0, 0, 0);
        }
        if (o.ellipsisMask() != 0 || o.newAxisMask() != 0) {
            throw Kernels.unsupported(op, "ellipsis or new-axis masks");
        }
        if (o.offset()) {
            throw Kernels.unsupported(op, "offset mode");
        }
        return new Slice(true, o.beginMask(), o.endMask(), o.shrinkAxisMask());
    }

    @Override
    public void run(OpContext ctx) {
        TensorBuffer in = ctx.in(0);
        int[] s = in.shape();
        int rank = s.length;
        int[] begin = Shapes.toInts(ctx, ctx.in(1));
        int[] second = Shapes.toInts(ctx, ctx.in(2));
        int[] strides = strided ? Shapes.toInts(ctx, ctx.in(3)) : null;
        if (begin.length != rank || second.length != rank || (strides != null && strides.length != rank)) {
            throw ctx.error("slice parameters " + Arrays.toString(begin) + ", " + Arrays.toString(second)
                    + " do not fit input " + Arrays.toString(s));
        }
        int[] start = new int[rank];
        int[] step = new int[rank];
        int[] count = new int[rank];
        List<Integer> outShape = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (strided) {
                stridedAxis(ctx, d, s[d], begin[d], second[d], strides[d], start, step, count);
                if ((shrinkMask & (1 << d)) == 0) {
                    outShape.add(count[d]);
                }
            } else {
                int size = second[d] == -1 ? s[d] - begin[d] : second[d];
                if (begin[d] < 0 || size < 0 || begin[d] + size > s[d]) {
                    throw ctx.error("slice begin " + begin[d] + " size " + second[d] + " is outside axis " + d
                            + " of size " + s[d]);
                }
                start[d] = begin[d];
                step[d] = 1;
                count[d] = size;
                outShape.add(size);
            }
        }
        TensorBuffer out = ctx.out(0, outShape.stream().mapToInt(Integer::intValue).toArray());
        int[] inStrides = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            inStrides[d] = stride;
            stride *= s[d];
        }
        int n = out.size();
        int[] counter = new int[rank];
        for (int e = 0; e < n; e++) {
            int offset = 0;
            for (int d = 0; d < rank; d++) {
                offset += (start[d] + counter[d] * step[d]) * inStrides[d];
            }
            out.copyFrom(in, offset, e, 1);
            for (int d = rank - 1; d >= 0; d--) {
                if (++counter[d] < count[d]) {
                    break;
                }
                counter[d] = 0;
            }
        }
    }

    private void stridedAxis(OpContext ctx, int d, int dim, int b, int e, int st, int[] start, int[] step,
            int[] count) {
        if (st == 0) {
            throw ctx.error("stride 0 on axis " + d);
        }
        boolean shrink = (shrinkMask & (1 << d)) != 0;
        if (shrink) {
            int i = b < 0 ? b + dim : b;
            if (i < 0 || i >= dim) {
                throw ctx.error("index " + b + " is outside axis " + d + " of size " + dim);
            }
            start[d] = i;
            step[d] = 1;
            count[d] = 1;
            return;
        }
        int lo = st > 0 ? 0 : -1;
        int hi = st > 0 ? dim : dim - 1;
        int from = (beginMask & (1 << d)) != 0 ? (st > 0 ? lo : hi) : clamp(b < 0 ? b + dim : b, lo, hi);
        int to = (endMask & (1 << d)) != 0 ? (st > 0 ? hi : lo) : clamp(e < 0 ? e + dim : e, lo, hi);
        int n = st > 0 ? Math.max(0, (to - from + st - 1) / st) : Math.max(0, (from - to - st - 1) / -st);
        start[d] = from;
        step[d] = st;
        count[d] = n;
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
