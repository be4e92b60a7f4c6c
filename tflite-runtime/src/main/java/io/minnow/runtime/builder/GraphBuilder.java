package io.minnow.runtime.builder;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.OperatorT;
import org.tensorflow.lite.schema.QuantizationParametersT;
import org.tensorflow.lite.schema.SubGraphT;
import org.tensorflow.lite.schema.TensorT;
import org.tensorflow.lite.schema.TensorType;

/**
 * Builds one subgraph: tensors (inputs, constants, intermediates), operators in execution order, outputs.
 * Methods return subgraph tensor indices. A dimension of -1 in a shape is dynamic: the file stores 1 in the
 * shape and -1 in the shape signature, and interpreters size it when inputs are resized.
 *
 * <p>Not thread-safe. Obtain from {@link ModelBuilder#addSubgraph(String)}.
 */
public final class GraphBuilder {
    private final ModelBuilder owner;
    private final int index;
    private final String name;
    private final List<TensorT> tensors = new ArrayList<>();
    private final List<OperatorT> operators = new ArrayList<>();
    private final List<Integer> inputs = new ArrayList<>();
    private final List<Integer> outputs = new ArrayList<>();

    GraphBuilder(ModelBuilder owner, int index, String name) {
        this.owner = owner;
        this.index = index;
        this.name = Objects.requireNonNull(name, "name");
    }

    ModelBuilder owner() {
        return owner;
    }

    /** This subgraph's index in the model. */
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    /** Adds a tensor computed at run time. */
    public int tensor(String name, DataType type, int... shape) {
        return addTensor(name, type, shape, Quantization.NONE, 0);
    }

    /** Adds a quantized tensor computed at run time. */
    public int tensor(String name, DataType type, Quantization quantization, int... shape) {
        return addTensor(name, type, shape, quantization, 0);
    }

    /** Adds a tensor and declares it a subgraph input, in call order. */
    public int input(String name, DataType type, int... shape) {
        int t = tensor(name, type, shape);
        inputs.add(t);
        return t;
    }

    /** Adds a quantized tensor and declares it a subgraph input, in call order. */
    public int input(String name, DataType type, Quantization quantization, int... shape) {
        int t = tensor(name, type, quantization, shape);
        inputs.add(t);
        return t;
    }

    /** Declares an existing tensor a subgraph output, in call order. */
    public void output(int tensor) {
        checkTensor(tensor);
        outputs.add(tensor);
    }

    /** Adds a constant tensor over a buffer of the model (buffers may be shared by several subgraphs). */
    public int constant(String name, DataType type, int[] shape, int buffer, Quantization quantization) {
        if (buffer <= 0 || buffer >= owner.buffers()) {
            throw new IllegalArgumentException("buffer " + buffer + " does not exist (0 is the empty sentinel)");
        }
        return addTensor(name, type, shape, quantization, buffer);
    }

    public int constant(String name, float[] values, int... shape) {
        return constant(name, DataType.FLOAT32, shape, owner.addBuffer(values), Quantization.NONE);
    }

    public int constantInts(String name, int[] values, int... shape) {
        return constant(name, DataType.INT32, shape, owner.addBuffer(values), Quantization.NONE);
    }

    public int constantInt8(String name, byte[] values, Quantization quantization, int... shape) {
        return constant(name, DataType.INT8, shape, owner.addBuffer(values), quantization);
    }

    /** A scalar float constant of shape {@code [1]}. */
    public int scalar(String name, float value) {
        return constant(name, new float[] {value}, 1);
    }

    /**
     * Adds an operator at the end of the execution order.
     *
     * @param builtinCode a {@link BuiltinOperator} constant
     * @param version the operator version written to the file
     * @param options builtin options, see {@link OpOptions}; {@link OpOptions#NONE} for none
     * @param inputs input tensor indices, -1 for an omitted optional input
     */
    public void op(int builtinCode, int version, BuiltinOptionsUnion options, int[] inputs, int... outputs) {
        for (int t : inputs) {
            if (t != -1) {
                checkTensor(t);
            }
        }
        for (int t : outputs) {
            checkTensor(t);
        }
        OperatorT op = new OperatorT();
        op.setOpcodeIndex(owner.opcode(builtinCode, version));
        op.setInputs(inputs.clone());
        op.setOutputs(outputs.clone());
        if (options != null && options.getType() != 0) {
            op.setBuiltinOptions(options);
        }
        operators.add(op);
    }

    /** Adds a version-1 operator with one output tensor it creates, and returns that tensor. */
    public int op(int builtinCode, BuiltinOptionsUnion options, String outName, DataType outType, int[] outShape,
            int... inputs) {
        int out = tensor(outName, outType, outShape);
        op(builtinCode, 1, options, inputs, out);
        return out;
    }

    private int addTensor(String name, DataType type, int[] shape, Quantization quantization, int buffer) {
        Objects.requireNonNull(name, "name");
        TensorT t = new TensorT();
        t.setName(name);
        t.setType(tensorType(type));
        int[] stored = shape.clone();
        boolean dynamic = false;
        for (int i = 0; i < stored.length; i++) {
            if (stored[i] == -1) {
                stored[i] = 1;
                dynamic = true;
            } else if (stored[i] < 0) {
                throw new IllegalArgumentException("bad dimension in " + Arrays.toString(shape) + " of " + name);
            }
        }
        t.setShape(stored);
        if (dynamic) {
            t.setShapeSignature(shape.clone());
        }
        t.setBuffer(buffer);
        if (quantization.isQuantized()) {
            QuantizationParametersT q = new QuantizationParametersT();
            q.setScale(quantization.scales());
            q.setZeroPoint(quantization.zeroPoints());
            q.setQuantizedDimension(quantization.channelAxis());
            t.setQuantization(q);
        }
        tensors.add(t);
        return tensors.size() - 1;
    }

    private void checkTensor(int t) {
        if (t < 0 || t >= tensors.size()) {
            throw new IllegalArgumentException("tensor " + t + " does not exist in subgraph " + name);
        }
    }

    SubGraphT toSchema() {
        SubGraphT g = new SubGraphT();
        g.setName(name);
        g.setTensors(tensors.toArray(new TensorT[0]));
        g.setOperators(operators.toArray(new OperatorT[0]));
        g.setInputs(inputs.stream().mapToInt(Integer::intValue).toArray());
        g.setOutputs(outputs.stream().mapToInt(Integer::intValue).toArray());
        return g;
    }

    static byte tensorType(DataType type) {
        return switch (type) {
            case FLOAT32 -> TensorType.FLOAT32;
            case FLOAT16 -> TensorType.FLOAT16;
            case INT32 -> TensorType.INT32;
            case INT64 -> TensorType.INT64;
            case INT16 -> TensorType.INT16;
            case INT8 -> TensorType.INT8;
            case UINT8 -> TensorType.UINT8;
            case BOOL -> TensorType.BOOL;
        };
    }
}
