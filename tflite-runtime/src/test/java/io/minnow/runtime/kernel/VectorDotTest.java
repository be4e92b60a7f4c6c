package io.minnow.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The vectorized inner products against the scalar reference: int8 exactly (both are exact in int32), float
 * within 1e-6 · Σ|a·b| (only the summation order differs). Lengths cover empty, sub-vector tails and
 * unaligned offsets; blocked variants cover one and two activation rows.
 */
class VectorDotTest {
    private final Dot reference = new Dot();
    private final Dot vector = new VectorDot();
    private final SplittableRandom rnd = new SplittableRandom(3);

    @Test
    void int8DotEqualsScalarReferenceExactly() {
        for (int n = 0; n < 300; n += 1 + n / 8) {
            for (int off = 0; off < 3; off++) {
                int[] a = activations(n + off);
                byte[] b = weights(n + 2 * off);
                assertThat(vector.dot(a, off, b, 2 * off, n)).as("n=%s off=%s", n, off)
                        .isEqualTo(reference.dot(a, off, b, 2 * off, n));
            }
        }
        int[] extreme = new int[4096];
        byte[] w = new byte[4096];
        java.util.Arrays.fill(extreme, -127);
        java.util.Arrays.fill(w, (byte) -128);
        assertThat(vector.dot(extreme, 0, w, 0, 4096)).isEqualTo(4096 * 127 * 128);
    }

    @Test
    void blockedInt8DotsEqualScalarReference() {
        for (int rows = 1; rows <= 2; rows++) {
            for (int n = 0; n < 200; n += 1 + n / 6) {
                int stride = n + rnd.nextInt(0, 5);
                int aStride = n + rnd.nextInt(0, 3);
                int[] a = activations(1 + 2 * aStride + n);
                byte[] b = weights(2 + 4 * stride + n);
                int[] expected = new int[8];
                int[] actual = new int[8];
                reference.dot4(a, 1, aStride, rows, b, 2, stride, n, expected);
                vector.dot4(a, 1, aStride, rows, b, 2, stride, n, actual);
                assertThat(java.util.Arrays.copyOf(actual, rows * 4)).as("rows=%s n=%s", rows, n)
                        .containsExactly(java.util.Arrays.copyOf(expected, rows * 4));
                for (int r = 0; r < rows; r++) {
                    for (int u = 0; u < 4; u++) {
                        assertThat(expected[r * 4 + u]).isEqualTo(reference.dot(a, 1 + r * aStride, b, 2 + u * stride, n));
                    }
                }
            }
        }
    }

    @Test
    void floatDotMatchesScalarReferenceWithinRounding() {
        for (int n = 0; n < 300; n += 1 + n / 8) {
            float[] a = new float[n + 1];
            float[] b = new float[n + 1];
            double magnitude = 0;
            for (int k = 0; k < a.length; k++) {
                a[k] = (float) rnd.nextDouble(-1, 1);
                b[k] = (float) rnd.nextDouble(-1, 1);
            }
            for (int k = 0; k < n; k++) {
                magnitude += Math.abs(a[k + 1] * b[k]);
            }
            assertThat(vector.dot(a, 1, b, 0, n)).as("n=%s", n)
                    .isCloseTo(reference.dot(a, 1, b, 0, n), Offset.offset((float) (1e-6 * magnitude + 1e-7)));
        }
    }

    @Test
    void selectionHonoursTheScalarOverride() {
        String before = System.getProperty(KernelSelection.PROPERTY);
        try {
            System.setProperty(KernelSelection.PROPERTY, "scalar");
            assertThat(KernelSelection.dot().name()).isEqualTo("scalar");
            System.setProperty(KernelSelection.PROPERTY, "vector");
            assertThat(KernelSelection.dot().name()).startsWith("vector");
        } finally {
            if (before == null) {
                System.clearProperty(KernelSelection.PROPERTY);
            } else {
                System.setProperty(KernelSelection.PROPERTY, before);
            }
        }
    }

    /** Quantized activations as the row quantizer makes them: [-127, 127]. */
    private int[] activations(int n) {
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = rnd.nextInt(-127, 128);
        }
        return a;
    }

    private byte[] weights(int n) {
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) {
            b[k] = (byte) rnd.nextInt(-128, 128);
        }
        return b;
    }
}
