package io.minnow.runtime.kernel;

/**
 * Symmetric per-row int8 quantization of float activations, as TensorFlow Lite's hybrid kernels do before an
 * integer dot product: scale = max|x| / 127, q = round(x / scale) clamped to [-127, 127]; an all-zero row gets
 * scale 1 and zeros. Mirroring it keeps the portable interpreter within float rounding of the native one.
 */
final class RowQuantizer {
    private RowQuantizer() {}

    /**
     * Quantizes {@code rows} rows of length {@code n} from {@code x} into {@code q} (int8 values held widened, see
     * {@link Dot}); returns scales in {@code s}.
     */
    static void quantize(float[] x, int xOff, int rows, int n, int[] q, float[] s) {
        for (int r = 0; r < rows; r++) {
            int base = xOff + r * n;
            float max = 0f;
            for (int k = 0; k < n; k++) {
                float a = Math.abs(x[base + k]);
                // A plain comparison: Math.max(float) carries NaN and -0.0 rules the JIT does not simplify.
                max = a > max ? a : max;
            }
            if (max == 0f) {
                java.util.Arrays.fill(q, r * n, r * n + n, 0);
                s[r] = 1f;
                continue;
            }
            s[r] = max / 127f;
            float inv = 127f / max;
            for (int k = 0; k < n; k++) {
                int v = Quantize.round(x[base + k] * inv);
                q[r * n + k] = Math.max(-127, Math.min(127, v));
            }
        }
    }
}
