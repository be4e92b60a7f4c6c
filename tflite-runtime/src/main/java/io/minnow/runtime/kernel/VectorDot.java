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
    String name() {
        return "vector (" + F.vectorBitSize() + "-bit)";
    }
}
