package io.minnow.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * The vectorized inner products against the scalar reference: int8 exactly (both are exact in int32), float
 * within 1e-6 · Σ|a·b| (only the summation order differs). Lengths cover empty, sub-vector tails and
 * unaligned offsets.
 */
class VectorDotTest {
    private final Dot reference = new Dot();
    private final Dot vector = new VectorDot();
    private final SplittableRandom rnd = new SplittableRandom(3);

    @Test
    void int8DotEqualsScalarReferenceExactly() {
        for (int n = 0; n < 300; n += 1 + n / 8) {
            for (int off = 0; off < 3; off++) {
                byte[] a = new byte[n + off];
                byte[] b = new byte[n + 2 * off];
                for (int k = 0; k < a.length; k++) {
                    a[k] = (byte) rnd.nextInt(-128, 128);
                }
                for (int k = 0; k < b.length; k++) {
                    b[k] = (byte) rnd.nextInt(-128, 128);
                }
                assertThat(vector.dot(a, off, b, 2 * off, n)).as("n=%s off=%s", n, off)
                        .isEqualTo(reference.dot(a, off, b, 2 * off, n));
            }
        }
        byte[] extreme = new byte[4096];
        java.util.Arrays.fill(extreme, (byte) -128);
        assertThat(vector.dot(extreme, 0, extreme, 0, 4096)).isEqualTo(4096 * 16384);
    }

    @Test
    void fourRowInt8DotEqualsScalarReference() {
        for (int n = 0; n < 200; n += 1 + n / 6) {
            int stride = n + rnd.nextInt(0, 5);
            byte[] a = new byte[n + 1];
            byte[] b = new byte[2 + 4 * stride];
            for (int k = 0; k < a.length; k++) {
                a[k] = (byte) rnd.nextInt(-128, 128);
            }
            for (int k = 0; k < b.length; k++) {
                b[k] = (byte) rnd.nextInt(-128, 128);
            }
            int[] expected = new int[4];
            int[] actual = new int[4];
            reference.dot4(a, 1, b, 2, stride, n, expected);
            vector.dot4(a, 1, b, 2, stride, n, actual);
            assertThat(actual).as("n=%s", n).containsExactly(expected);
            for (int r = 0; r < 4; r++) {
                assertThat(expected[r]).isEqualTo(reference.dot(a, 1, b, 2 + r * stride, n));
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
}
