package io.minnow.runtime.model;

import com.google.flatbuffers.Table;
import java.util.Arrays;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.Operator;

/**
 * One operator of a subgraph. Tensor indices are subgraph tensor indices; -1 marks an omitted optional input.
 * Options stay in the file and are read through {@link #options(Table)}; their fields are scalars, and the
 * few vectors kernels read are bounds-checked by the kernels.
 *
 * @param index position in the subgraph's operator list (execution order)
 * @param builtinCode a {@link BuiltinOperator} constant
 */
public record ModelOperator(int index, int builtinCode, int version, int[] inputs, int[] outputs, Operator raw) {

    public ModelOperator {
        inputs = inputs.clone();
        outputs = outputs.clone();
    }

    @Override
    public int[] inputs() {
        return inputs.clone();
    }

    @Override
    public int[] outputs() {
        return outputs.clone();
    }

    public int input(int i) {
        return inputs[i];
    }

    public int output(int i) {
        return outputs[i];
    }

    public int inputCount() {
        return inputs.length;
    }

    public int outputCount() {
        return outputs.length;
    }

    /** The operator's name as TensorFlow Lite spells it, e.g. {@code FULLY_CONNECTED}. */
    public String opName() {
        return opName(builtinCode);
    }

    /** Reads the builtin options into {@code into}, or returns {@code null} when the operator has none. */
    public <T extends Table> T options(T into) {
        @SuppressWarnings("unchecked")
        T t = (T) raw.builtinOptions(into);
        return t;
    }

    static String opName(int builtinCode) {
        try {
            return BuiltinOperator.name(builtinCode);
        } catch (RuntimeException unknown) {
            return "builtin op " + builtinCode;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelOperator m && index == m.index && builtinCode == m.builtinCode
                && Arrays.equals(inputs, m.inputs) && Arrays.equals(outputs, m.outputs);
    }

    @Override
    public int hashCode() {
        return 31 * index + builtinCode;
    }

    @Override
    public String toString() {
        return opName() + "#" + index + " v" + version;
    }
}
