package io.minnow.runtime.model;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a subgraph as the file declares it.
 *
 * @param index position in the subgraph's tensor list
 * @param shape the declared shape (a dynamic dimension is stored as 1 with -1 in {@code shapeSignature})
 * @param shapeSignature the declared signature, -1 for dynamic dimensions; equal to {@code shape} when the file
 *     has none
 * @param buffer index of the model buffer holding constant data (0 means none)
 * @param data read-only little-endian view of the constant data inside the model file, or {@code null} for a
 *     tensor computed at run time; never copied
 */
public record ModelTensor(
        int index,
        String name,
        DataType dataType,
        int[] shape,
        int[] shapeSignature,
        Quantization quantization,
        int buffer,
        ByteBuffer data) {

    public ModelTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(quantization, "quantization");
        shape = shape.clone();
        shapeSignature = shapeSignature.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int[] shapeSignature() {
        return shapeSignature.clone();
    }

    /** A fresh read-only little-endian view of the constant data, or {@code null}. */
    @Override
    public ByteBuffer data() {
        return data == null ? null : data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public boolean isConstant() {
        return data != null;
    }

    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelTensor t && index == t.index && name.equals(t.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, name);
    }

    @Override
    public String toString() {
        return "'" + name + "'#" + index + " " + dataType + Arrays.toString(shape);
    }
}
