package io.minnow.runtime.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Dot} with the JDK's Vector API: a main loop over full vectors on {@code static final} species and a
 * scalar tail. Correct at every vector width the JDK offers (64, 128, 256 and 512 bits); 128 bits is what
 * every Raspberry Pi's NEON gives ({@code MaxVectorSize = 16}).
 *
 * <p>Int8 weights are widened to int32 lanes, so integer sums are exact and equal the scalar reference bit
 * for bit. The narrowest byte vector the API has is 64 bits, while an int vector's worth of bytes is only
 * a quarter of its width (32 bits at 128-bit ints): so weights are loaded {@link #B} at a time, at least 64
 * bits, and widened in {@link #PARTS} int vectors (2 at 128 bits, 4 at 64, 1 at 256 and 512). Float sums are
 * fused multiply-adds in lane-wise order, which differs from the scalar order only by rounding.
 * Thread-safe (stateless).
 */
final class VectorDot extends Dot {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    /** Int8 weights per load: one int vector's lanes, but never below the 64-bit minimum byte vector. */
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class,
            VectorShape.forBitSize(Math.max(64, I.length() * Byte.SIZE)));
    /** Int vectors one byte vector widens into. */
    private static final int PARTS = B.length() / I.length();

    @Override
    float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        int k = 0;
        float sum = 0f;
        int bound = F.loopBound(n);
        if (bound > 0) {
            FloatVector acc = FloatVector.zero(F);
            for (; k < bound; k += F.length()) {
                acc = FloatVector.fromArray(F, a, aOff + k).fma(FloatVector.fromArray(F, b, bOff + k), acc);
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; k < n; k++) {
            sum += a[aOff + k] * b[bOff + k];
        }
        return sum;
    }

    @Override
    int dot(int[] a, int aOff, byte[] b, int bOff, int n) {
        int k = 0;
        int sum = 0;
        int bound = B.loopBound(n);
        if (bound > 0) {
            IntVector acc = IntVector.zero(I);
            for (; k < bound; k += B.length()) {
                ByteVector w = ByteVector.fromArray(B, b, bOff + k);
                for (int p = 0; p < PARTS; p++) {
                    acc = acc.add(IntVector.fromArray(I, a, aOff + k + p * I.length()).mul(widen(w, p)));
                }
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; k < n; k++) {
            sum += a[aOff + k] * b[bOff + k];
        }
        return sum;
    }

    @Override
    void dot4(int[] a, int aOff, int aStride, int rows, byte[] b, int bOff, int bStride, int n, int[] out) {
        if (rows == 2) {
            dot4x2(a, aOff, aStride, b, bOff, bStride, n, out);
            return;
        }
        if (rows != 1) {
            super.dot4(a, aOff, aStride, rows, b, bOff, bStride, n, out);
            return;
        }
        int k = 0;
        int bound = B.loopBound(n);
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        if (bound > 0) {
            IntVector c0 = IntVector.zero(I);
            IntVector c1 = IntVector.zero(I);
            IntVector c2 = IntVector.zero(I);
            IntVector c3 = IntVector.zero(I);
            for (; k < bound; k += B.length()) {
                ByteVector w0 = ByteVector.fromArray(B, b, bOff + k);
                ByteVector w1 = ByteVector.fromArray(B, b, bOff + bStride + k);
                ByteVector w2 = ByteVector.fromArray(B, b, bOff + 2 * bStride + k);
                ByteVector w3 = ByteVector.fromArray(B, b, bOff + 3 * bStride + k);
                for (int p = 0; p < PARTS; p++) {
                    IntVector x = IntVector.fromArray(I, a, aOff + k + p * I.length());
                    c0 = c0.add(x.mul(widen(w0, p)));
                    c1 = c1.add(x.mul(widen(w1, p)));
                    c2 = c2.add(x.mul(widen(w2, p)));
                    c3 = c3.add(x.mul(widen(w3, p)));
                }
            }
            s0 = c0.reduceLanes(VectorOperators.ADD);
            s1 = c1.reduceLanes(VectorOperators.ADD);
            s2 = c2.reduceLanes(VectorOperators.ADD);
            s3 = c3.reduceLanes(VectorOperators.ADD);
        }
        for (; k < n; k++) {
            int x = a[aOff + k];
            s0 += x * b[bOff + k];
            s1 += x * b[bOff + bStride + k];
            s2 += x * b[bOff + 2 * bStride + k];
            s3 += x * b[bOff + 3 * bStride + k];
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    /** Two activation rows against four weight rows: each widened weight vector serves two products. */
    private void dot4x2(int[] a, int aOff, int aStride, byte[] b, int bOff, int bStride, int n, int[] out) {
        int k = 0;
        int bound = B.loopBound(n);
        if (bound > 0) {
            IntVector c0 = IntVector.zero(I);
            IntVector c1 = IntVector.zero(I);
            IntVector c2 = IntVector.zero(I);
            IntVector c3 = IntVector.zero(I);
            IntVector d0 = IntVector.zero(I);
            IntVector d1 = IntVector.zero(I);
            IntVector d2 = IntVector.zero(I);
            IntVector d3 = IntVector.zero(I);
            int a1 = aOff + aStride;
            for (; k < bound; k += B.length()) {
                ByteVector v0 = ByteVector.fromArray(B, b, bOff + k);
                ByteVector v1 = ByteVector.fromArray(B, b, bOff + bStride + k);
                ByteVector v2 = ByteVector.fromArray(B, b, bOff + 2 * bStride + k);
                ByteVector v3 = ByteVector.fromArray(B, b, bOff + 3 * bStride + k);
                for (int p = 0; p < PARTS; p++) {
                    int lane = k + p * I.length();
                    IntVector x = IntVector.fromArray(I, a, aOff + lane);
                    IntVector y = IntVector.fromArray(I, a, a1 + lane);
                    IntVector w0 = widen(v0, p);
                    IntVector w1 = widen(v1, p);
                    IntVector w2 = widen(v2, p);
                    IntVector w3 = widen(v3, p);
                    c0 = c0.add(x.mul(w0));
                    c1 = c1.add(x.mul(w1));
                    c2 = c2.add(x.mul(w2));
                    c3 = c3.add(x.mul(w3));
                    d0 = d0.add(y.mul(w0));
                    d1 = d1.add(y.mul(w1));
                    d2 = d2.add(y.mul(w2));
                    d3 = d3.add(y.mul(w3));
                }
            }
            out[0] = c0.reduceLanes(VectorOperators.ADD);
            out[1] = c1.reduceLanes(VectorOperators.ADD);
            out[2] = c2.reduceLanes(VectorOperators.ADD);
            out[3] = c3.reduceLanes(VectorOperators.ADD);
            out[4] = d0.reduceLanes(VectorOperators.ADD);
            out[5] = d1.reduceLanes(VectorOperators.ADD);
            out[6] = d2.reduceLanes(VectorOperators.ADD);
            out[7] = d3.reduceLanes(VectorOperators.ADD);
        } else {
            java.util.Arrays.fill(out, 0, 8, 0);
        }
        for (; k < n; k++) {
            for (int u = 0; u < 4; u++) {
                int w = b[bOff + u * bStride + k];
                out[u] += a[aOff + k] * w;
                out[4 + u] += a[aOff + aStride + k] * w;
            }
        }
    }

    /** Lanes {@code part·I.length()} onwards of {@code w}, sign-extended to int32. */
    private static IntVector widen(ByteVector w, int part) {
        return (IntVector) w.convertShape(VectorOperators.B2I, I, part);
    }

    @Override
    int vectorBits() {
        return I.vectorBitSize();
    }

    @Override
    String name() {
        return "vector (" + F.vectorBitSize() + "-bit floats, " + I.vectorBitSize() + "-bit ints, int8 loaded "
                + B.vectorBitSize() + " bits at a time)";
    }
}
