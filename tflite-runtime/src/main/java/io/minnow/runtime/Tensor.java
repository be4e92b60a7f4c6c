package io.minnow.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A value passed into or out of an {@link Interpreter}: a type, a shape and little-endian data. Immutable:
 * the factory methods copy their arrays (or, for {@link #write}, own the only buffer), and {@link #data()} is a
 * read-only view.
 */
public final class Tensor {
    private final DataType dataType;
    private final int[] shape;
    private final ByteBuffer data;

    private Tensor(DataType dataType, int[] shape, ByteBuffer data) {
        this.dataType = dataType;
        this.shape = shape;
        this.data = data;
    }

    /** Wraps a copy of {@code bytes} (little-endian element data) as a tensor. */
    public static Tensor of(DataType dataType, int[] shape, ByteBuffer bytes) {
        Objects.requireNonNull(dataType, "dataType");
        long count = elementCount(shape);
        long expected = count * dataType.byteSize();
        if (bytes.remaining() != expected) {
            throw new IllegalArgumentException("a " + dataType + Arrays.toString(shape) + " tensor needs "
                    + expected + " bytes, got " + bytes.remaining());
        }
        ByteBuffer copy = ByteBuffer.allocate((int) expected).order(ByteOrder.LITTLE_ENDIAN);
        copy.put(bytes.duplicate());
        copy.flip();
        return new Tensor(dataType, shape.clone(), copy);
    }

    /**
     * A tensor whose data {@code writer} puts straight into the tensor's own buffer, for data gathered from
     * several places (a strided cache, an interpreter's arrays) that {@link #of} would copy a second time. The
     * writer gets a zero-filled little-endian buffer of exactly the tensor's byte size and must not keep it:
     * once the writer returns, the buffer is the tensor's immutable data.
     */
    public static Tensor write(DataType dataType, int[] shape, Consumer<ByteBuffer> writer) {
        Objects.requireNonNull(dataType, "dataType");
        int bytes = (int) (elementCount(shape) * dataType.byteSize());
        ByteBuffer data = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        writer.accept(data.duplicate().order(ByteOrder.LITTLE_ENDIAN));
        return new Tensor(dataType, shape.clone(), data);
    }

    public static Tensor ofFloats(int[] shape, float... values) {
        checkCount(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new Tensor(DataType.FLOAT32, shape.clone(), b);
    }

    public static Tensor ofInts(int[] shape, int... values) {
        checkCount(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new Tensor(DataType.INT32, shape.clone(), b);
    }

    public static Tensor ofLongs(int[] shape, long... values) {
        checkCount(shape, values.length);
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new Tensor(DataType.INT64, shape.clone(), b);
    }

    public static Tensor ofBytes(DataType oneByteType, int[] shape, byte... values) {
        if (oneByteType.byteSize() != 1) {
            throw new IllegalArgumentException(oneByteType + " is not a one-byte type");
        }
        checkCount(shape, values.length);
        return new Tensor(oneByteType, shape.clone(), ByteBuffer.wrap(values.clone()).order(ByteOrder.LITTLE_ENDIAN));
    }

    public DataType dataType() {
        return dataType;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int elementCount() {
        return (int) elementCount(shape);
    }

    /** A read-only little-endian view of the element data. */
    public ByteBuffer data() {
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public float[] toFloatArray() {
        requireType(DataType.FLOAT32);
        float[] out = new float[elementCount()];
        data().asFloatBuffer().get(out);
        return out;
    }

    public int[] toIntArray() {
        requireType(DataType.INT32);
        int[] out = new int[elementCount()];
        data().asIntBuffer().get(out);
        return out;
    }

    public long[] toLongArray() {
        requireType(DataType.INT64);
        long[] out = new long[elementCount()];
        data().asLongBuffer().get(out);
        return out;
    }

    public byte[] toByteArray() {
        byte[] out = new byte[data.capacity()];
        data().get(out);
        return out;
    }

    private void requireType(DataType expected) {
        if (dataType != expected) {
            throw new IllegalStateException("tensor holds " + dataType + ", not " + expected);
        }
    }

    private static void checkCount(int[] shape, int count) {
        if (elementCount(shape) != count) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + elementCount(shape) + " elements, got " + count);
        }
    }

    private static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "Tensor " + dataType + Arrays.toString(shape);
    }
}
