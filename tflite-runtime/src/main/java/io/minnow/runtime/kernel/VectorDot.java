package io.minnow.runtime.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Dot} with the JDK's Vector API: a main loop over full vectors on {@code static final} species and a
 * scalar tail. Int8 products are widened to int32 lanes (bytes loaded at a quarter of the int vector's width),
 * so the sum is exact and equals the scalar reference bit for bit; float sums are fused multiply-adds in
 * lane-wise order, which differs from the scalar order only by rounding. Thread-safe (stateless).
 */
final class VectorDot extends Dot {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED.withShape(
            VectorShape.forBitSize(I.length() * Byte.SIZE));

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
    int dot(byte[] a, int aOff, byte[] b, int bOff, int n) {
        int k = 0;
        int sum = 0;
        int step = B.length();
        int bound = n - n % step;
        if (bound > 0) {
            IntVector acc = IntVector.zero(I);
            for (; k < bound; k += step) {
                IntVector x = (IntVector) ByteVector.fromArray(B, a, aOff + k).convertShape(VectorOperators.B2I, I, 0);
                IntVector y = (IntVector) ByteVector.fromArray(B, b, bOff + k).convertShape(VectorOperators.B2I, I, 0);
                acc = acc.add(x.mul(y));
            }
            sum = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; k < n; k++) {
            sum += a[aOff + k] * b[bOff + k];
        }
        return sum;
    }

    @Override
    void dot4(byte[] a, int aOff, byte[] b, int bOff, int stride, int n, int[] out) {
        int k = 0;
        int step = B.length();
        int bound = n - n % step;
        int s0 = 0;
        int s1 = 0;
        int s2 = 0;
        int s3 = 0;
        if (bound > 0) {
            IntVector acc0 = IntVector.zero(I);
            IntVector acc1 = IntVector.zero(I);
            IntVector acc2 = IntVector.zero(I);
            IntVector acc3 = IntVector.zero(I);
            int b1 = bOff + stride;
            int b2 = bOff + 2 * stride;
            int b3 = bOff + 3 * stride;
            for (; k < bound; k += step) {
                IntVector x = (IntVector) ByteVector.fromArray(B, a, aOff + k).convertShape(VectorOperators.B2I, I, 0);
                acc0 = acc0.add(x.mul((IntVector) ByteVector.fromArray(B, b, bOff + k)
                        .convertShape(VectorOperators.B2I, I, 0)));
                acc1 = acc1.add(x.mul((IntVector) ByteVector.fromArray(B, b, b1 + k)
                        .convertShape(VectorOperators.B2I, I, 0)));
                acc2 = acc2.add(x.mul((IntVector) ByteVector.fromArray(B, b, b2 + k)
                        .convertShape(VectorOperators.B2I, I, 0)));
                acc3 = acc3.add(x.mul((IntVector) ByteVector.fromArray(B, b, b3 + k)
                        .convertShape(VectorOperators.B2I, I, 0)));
            }
            s0 = acc0.reduceLanes(VectorOperators.ADD);
            s1 = acc1.reduceLanes(VectorOperators.ADD);
            s2 = acc2.reduceLanes(VectorOperators.ADD);
            s3 = acc3.reduceLanes(VectorOperators.ADD);
        }
        for (; k < n; k++) {
            int x = a[aOff + k];
            s0 += x * b[bOff + k];
            s1 += x * b[bOff + stride + k];
            s2 += x * b[bOff + 2 * stride + k];
            s3 += x * b[bOff + 3 * stride + k];
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    @Override
    String name() {
        return "vector (" + F.vectorBitSize() + "-bit)";
    }
}
