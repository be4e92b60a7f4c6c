package io.minnow.runtime.kernel;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor's storage inside the portable interpreter: a type, a current shape and one primitive array sized
 * for at least the current element count (float32 in {@link #f}, int32 in {@link #i}, int64 in {@link #l},
 * int8 and bool in {@link #b}). Arrays grow when a resize needs more room and are reused otherwise, so steady
 * decoding allocates nothing.
 *
 * <p>Not thread-safe; owned by one interpreter. Kernels may split work on a buffer across threads.
 */
public final class TensorBuffer {
    public final DataType type;
    public final Quantization quantization;
    public float[] f;
    public int[] i;
    public long[] l;
    public byte[] b;
    private int[] shape;
    private int size;

    public TensorBuffer(DataType type, Quantization quantization, int[] shape) {
        this.type = type;
        this.quantization = quantization;
        this.shape = new int[0];
        resize(shape);
    }

    /** Decodes constant data (little-endian) into a buffer. */
    public static TensorBuffer constant(DataType type, Quantization quantization, int[] shape, ByteBuffer data) {
        switch (type) {
            case FLOAT32, INT32, INT64, INT8, BOOL -> { }
            default -> throw new IllegalArgumentException("constants of type " + type + " are not supported");
        }
        TensorBuffer t = new TensorBuffer(type, quantization, shape);
        t.fill(data);
        return t;
    }

    /** Sets the shape, growing the array if needed. */
    public TensorBuffer resize(int[] newShape) {
        long n = 1;
        for (int d : newShape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(newShape));
            }
            n *= d;
        }
        if (n > (1L << 28)) {
            throw new IllegalArgumentException("a tensor of shape " + Arrays.toString(newShape) + " is too large");
        }
        int count = (int) n;
        switch (type) {
            case FLOAT32 -> { if (f == null || f.length < count) f = new float[count]; }
            case INT32 -> { if (i == null || i.length < count) i = new int[count]; }
            case INT64 -> { if (l == null || l.length < count) l = new long[count]; }
            case INT8, BOOL -> { if (b == null || b.length < count) b = new byte[count]; }
            default -> throw new IllegalArgumentException("tensors of type " + type + " are not supported");
        }
        this.shape = newShape.clone();
        this.size = count;
        return this;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    /** Number of elements of the current shape. */
    public int size() {
        return size;
    }

    /** Copies {@code count} elements from {@code src} at {@code from} to this buffer at {@code to}. */
    public void copyFrom(TensorBuffer src, int from, int to, int count) {
        switch (type) {
            case FLOAT32 -> System.arraycopy(src.f, from, f, to, count);
            case INT32 -> System.arraycopy(src.i, from, i, to, count);
            case INT64 -> System.arraycopy(src.l, from, l, to, count);
            default -> System.arraycopy(src.b, from, b, to, count);
        }
    }

    /** Element {@code k} widened to double, whatever the type (raw value for int8; no dequantization). */
    public double get(int k) {
        return switch (type) {
            case FLOAT32 -> f[k];
            case INT32 -> i[k];
            case INT64 -> l[k];
            default -> b[k];
        };
    }

    /** Element {@code k} as a long index value (int32 or int64 tensors). */
    public long index(int k) {
        return switch (type) {
            case INT32 -> i[k];
            case INT64 -> l[k];
            default -> throw new IllegalArgumentException("an index tensor must be int32 or int64, not " + type);
        };
    }

    /** Writes the current elements, little-endian, at {@code out}'s position (which is left unchanged). */
    public void copyTo(ByteBuffer out) {
        ByteBuffer le = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FLOAT32 -> le.asFloatBuffer().put(f, 0, size);
            case INT32 -> le.asIntBuffer().put(i, 0, size);
            case INT64 -> le.asLongBuffer().put(l, 0, size);
            default -> le.put(b, 0, size);
        }
    }

    /** Replaces the elements with little-endian {@code data} of exactly the current size. */
    public void fill(ByteBuffer data) {
        ByteBuffer le = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FLOAT32 -> le.asFloatBuffer().get(f, 0, size);
            case INT32 -> le.asIntBuffer().get(i, 0, size);
            case INT64 -> le.asLongBuffer().get(l, 0, size);
            default -> le.get(b, 0, size);
        }
    }

    @Override
    public String toString() {
        return type + Arrays.toString(shape);
    }
}
