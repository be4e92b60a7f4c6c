package io.minnow.runtime.kernel;

/**
 * The inner products every matrix kernel is built on. This is the plain scalar reference; {@link VectorDot}
 * gives the same results with SIMD and is chosen by {@link #INSTANCE} when the vector module is present.
 * Thread-safe (stateless).
 */
class Dot {
    /** The implementation kernels use. */
    static final Dot INSTANCE = KernelSelection.dot();

    /** Σ a[aOff+k] * b[bOff+k] for k in [0, n), accumulated in float in index order. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float sum = 0f;
        for (int k = 0; k < n; k++) {
            sum += a[aOff + k] * b[bOff + k];
        }
        return sum;
    }

    /** Σ a[aOff+k] * b[bOff+k] over int8 values, exact in int32 (n below 2^17). */
    int dot(byte[] a, int aOff, byte[] b, int bOff, int n) {
        int sum = 0;
        for (int k = 0; k < n; k++) {
            sum += a[aOff + k] * b[bOff + k];
        }
        return sum;
    }

    /**
     * Four int8 dot products of {@code a} against rows {@code b[bOff + r·stride ..]} for r in 0..3, written to
     * {@code out[0..3]}; loading {@code a} once for four rows is what makes matrix kernels fast.
     */
    void dot4(byte[] a, int aOff, byte[] b, int bOff, int stride, int n, int[] out) {
        for (int r = 0; r < 4; r++) {
            out[r] = dot(a, aOff, b, bOff + r * stride, n);
        }
    }

    String name() {
        return "scalar";
    }
}
