package io.minnow.runtime.lm;

/**
 * Symmetric int8 quantization of float weights, one scale per row (scale = max|row| / 127): a matrix's output
 * channels, an embedding table's rows. Values are rounded half away from zero and clamped to [-127, 127]. Stateless.
 */
public final class Int8Quantizer {
    private Int8Quantizer() {}

    /** Int8 values and their per-row scales. */
    public record Quantized(byte[] values, float[] scales) {}

    /** Quantizes a {@code [rows, cols]} matrix with one scale per row. */
    public static Quantized perRow(float[] m, int rows, int cols) {
        byte[] q = new byte[rows * cols];
        float[] scales = new float[rows];
        for (int r = 0; r < rows; r++) {
            scales[r] = quantize(m, r * cols, cols, q);
        }
        return new Quantized(q, scales);
    }

    private static float quantize(float[] m, int off, int n, byte[] q) {
        float max = 0f;
        for (int k = 0; k < n; k++) {
            max = Math.max(max, Math.abs(m[off + k]));
        }
        // An all-zero row still needs a positive scale; its values quantize to 0 either way.
        float scale = max == 0f ? 1f : max / 127f;
        for (int k = 0; k < n; k++) {
            float x = m[off + k] / scale;
            int v = (int) (x >= 0 ? Math.floor(x + 0.5) : -Math.floor(-x + 0.5));
            q[off + k] = (byte) Math.max(-127, Math.min(127, v));
        }
        return scale;
    }
}
