package io.minnow.runtime.kernel;

/**
 * The inner products every matrix kernel is built on. This is the plain scalar reference; {@link VectorDot}
 * gives the same results with SIMD and is chosen by {@link #INSTANCE} when the vector module is present.
 * Quantized activations come widened to {@code int} (they are reused against many weight rows, so widening
 * them once saves a conversion per use); weights stay int8. Thread-safe (stateless).
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

    /** Σ a[aOff+k] * b[bOff+k] over int8 values ({@code a} widened), exact in int32 (n below 2^17). */
    int dot(int[] a, int aOff, byte[] b, int bOff, int n) {
        int sum = 0;
        for (int k = 0; k < n; k++) {
            sum += a[aOff + k] * b[bOff + k];
        }
        return sum;
    }

    /**
     * The dot products of two activation rows ({@code a} at {@code aOff} and {@code aOff + aStride}) with four
     * weight rows ({@code b} at {@code bOff + u·bStride}), into {@code out[row·4 + u]}. With {@code rows == 1}
     * only the first row is used. Blocking like this loads each weight and activation vector once for several
     * products, which is what makes matrix kernels fast.
     */
    void dot4(int[] a, int aOff, int aStride, int rows, byte[] b, int bOff, int bStride, int n, int[] out) {
        for (int r = 0; r < rows; r++) {
            for (int u = 0; u < 4; u++) {
                out[r * 4 + u] = dot(a, aOff + r * aStride, b, bOff + u * bStride, n);
            }
        }
    }

    String name() {
        return "scalar";
    }

    /** Width in bits of the SIMD registers this implementation computes in; 0 for the scalar reference. */
    int vectorBits() {
        return 0;
    }
}
