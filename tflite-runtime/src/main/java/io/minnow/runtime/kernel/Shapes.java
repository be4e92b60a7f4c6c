package io.minnow.runtime.kernel;

import java.util.Arrays;

/** Shape arithmetic shared by kernels: broadcasting, strides, axes. Stateless. */
final class Shapes {
    private Shapes() {}

    static int product(int[] shape, int from, int to) {
        int n = 1;
        for (int k = from; k < to; k++) {
            n *= shape[k];
        }
        return n;
    }

    static int product(int[] shape) {
        return product(shape, 0, shape.length);
    }

    /** The NumPy-style broadcast of two shapes, or {@code null} if they do not broadcast. */
    static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int k = 0; k < rank; k++) {
            int da = k - (rank - a.length) >= 0 ? a[k - (rank - a.length)] : 1;
            int db = k - (rank - b.length) >= 0 ? b[k - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[k] = da == 1 ? db : da;
        }
        return out;
    }

    /** Row-major strides of {@code shape} right-aligned to {@code rank}, with 0 for broadcast dimensions. */
    static int[] broadcastStrides(int[] shape, int[] outShape) {
        int rank = outShape.length;
        int[] strides = new int[rank];
        int stride = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            int ok = k + rank - shape.length;
            strides[ok] = shape[k] == 1 && outShape[ok] != 1 ? 0 : stride;
            stride *= shape[k];
        }
        return strides;
    }

    /**
     * For each element of {@code outShape}, the flat index into a tensor of {@code shape} broadcast to it; {@code
     * null} when the shapes are equal (identity).
     */
    static int[] broadcastIndex(int[] shape, int[] outShape) {
        if (Arrays.equals(shape, outShape)) {
            return null;
        }
        int n = product(outShape);
        int[] index = new int[n];
        int[] strides = broadcastStrides(shape, outShape);
        int rank = outShape.length;
        int[] counter = new int[rank];
        int offset = 0;
        for (int e = 0; e < n; e++) {
            index[e] = offset;
            for (int k = rank - 1; k >= 0; k--) {
                counter[k]++;
                offset += strides[k];
                if (counter[k] < outShape[k]) {
                    break;
                }
                offset -= strides[k] * counter[k];
                counter[k] = 0;
            }
        }
        return index;
    }

    /** An axis in {@code [-rank, rank)} made non-negative; throws via {@code ctx} otherwise. */
    static int axis(OpContext ctx, long axis, int rank) {
        if (axis < -rank || axis >= rank) {
            throw ctx.error("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    static int[] toInts(OpContext ctx, TensorBuffer t) {
        int[] v = new int[t.size()];
        for (int k = 0; k < v.length; k++) {
            long x = t.index(k);
            if (x != (int) x) {
                throw ctx.error("value " + x + " does not fit in int32");
            }
            v[k] = (int) x;
        }
        return v;
    }
}
