package io.minnow.runtime;

import java.util.Arrays;
import java.util.Objects;

/**
 * What an interpreter knows about one of its input or output tensors.
 *
 * @param index the tensor's index in the model's subgraph
 * @param shape the current shape; -1 marks a dimension that is only known after a resize
 */
public record TensorInfo(String name, int index, DataType dataType, int[] shape, Quantization quantization) {
    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataType, "dataType");
        Objects.requireNonNull(quantization, "quantization");
        shape = shape.clone();
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** Number of elements, or -1 while a dimension is unknown. */
    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t
                && index == t.index
                && name.equals(t.name)
                && dataType == t.dataType
                && Arrays.equals(shape, t.shape)
                && quantization.equals(t.quantization);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, index, dataType, Arrays.hashCode(shape), quantization);
    }

    @Override
    public String toString() {
        return name + "#" + index + " " + dataType + Arrays.toString(shape)
                + (quantization.isQuantized() ? " " + quantization : "");
    }
}
