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

    String name() {
        return "scalar";
    }
}
