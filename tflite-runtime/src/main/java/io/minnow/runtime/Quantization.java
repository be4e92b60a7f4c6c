package io.minnow.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * Affine quantization of a tensor: {@code real = scale * (q - zeroPoint)}. One scale means per-tensor
 * quantization; several mean per-channel along {@link #channelAxis()}.
 */
public final class Quantization {
    /** A tensor that is not quantized. */
    public static final Quantization NONE = new Quantization(new float[0], new long[0], 0);

    private final float[] scales;
    private final long[] zeroPoints;
    private final int channelAxis;

    private Quantization(float[] scales, long[] zeroPoints, int channelAxis) {
        this.scales = scales;
        this.zeroPoints = zeroPoints;
        this.channelAxis = channelAxis;
    }

    public static Quantization perTensor(float scale, long zeroPoint) {
        return of(new float[] {scale}, new long[] {zeroPoint}, 0);
    }

    public static Quantization perChannel(float[] scales, long[] zeroPoints, int channelAxis) {
        return of(scales, zeroPoints, channelAxis);
    }

    private static Quantization of(float[] scales, long[] zeroPoints, int channelAxis) {
        Objects.requireNonNull(scales, "scales");
        Objects.requireNonNull(zeroPoints, "zeroPoints");
        if (scales.length == 0) {
            throw new IllegalArgumentException("quantization needs at least one scale");
        }
        if (zeroPoints.length != scales.length) {
            throw new IllegalArgumentException(
                    "quantization has " + scales.length + " scales but " + zeroPoints.length + " zero points");
        }
        for (float s : scales) {
            if (!(s > 0f) || !Float.isFinite(s)) {
                throw new IllegalArgumentException("quantization scale must be finite and > 0, got " + s);
            }
        }
        if (channelAxis < 0) {
            throw new IllegalArgumentException("channel axis must be >= 0, got " + channelAxis);
        }
        return new Quantization(scales.clone(), zeroPoints.clone(), channelAxis);
    }

    public boolean isQuantized() {
        return scales.length > 0;
    }

    public boolean isPerChannel() {
        return scales.length > 1;
    }

    public int channels() {
        return scales.length;
    }

    public float scale(int channel) {
        return scales[channel];
    }

    public long zeroPoint(int channel) {
        return zeroPoints[channel];
    }

    public float[] scales() {
        return scales.clone();
    }

    public long[] zeroPoints() {
        return zeroPoints.clone();
    }

    /** The dimension the per-channel scales run along; 0 for per-tensor quantization. */
    public int channelAxis() {
        return channelAxis;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Quantization q
                && channelAxis == q.channelAxis
                && Arrays.equals(scales, q.scales)
                && Arrays.equals(zeroPoints, q.zeroPoints);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(scales) + Arrays.hashCode(zeroPoints)) + channelAxis;
    }

    @Override
    public String toString() {
        if (!isQuantized()) {
            return "none";
        }
        return isPerChannel()
                ? "per-channel(" + scales.length + " scales, axis " + channelAxis + ")"
                : "per-tensor(scale " + scales[0] + ", zero point " + zeroPoints[0] + ")";
    }
}
