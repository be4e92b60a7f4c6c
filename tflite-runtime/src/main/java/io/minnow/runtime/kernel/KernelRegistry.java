package io.minnow.runtime.kernel;

import io.minnow.runtime.model.InvalidModelException;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import io.minnow.runtime.model.UnsupportedModelException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * The portable interpreter's kernels, one reference kernel per builtin operator. Creating a kernel reads and
 * checks the operator's options, so an unsupported attribute (a fused activation, a mask) fails when the
 * interpreter is built, naming the operator. Thread-safe (immutable).
 */
public final class KernelRegistry {
    /** Makes the kernel for one operator of a subgraph. */
    @FunctionalInterface
    interface Factory {
        OpKernel create(ModelOperator op, ModelSubgraph graph);
    }

    private static final Map<Integer, Factory> FACTORIES = new HashMap<>();

    static {
        for (int code : new int[] {BuiltinOperator.ADD, BuiltinOperator.SUB, BuiltinOperator.MUL,
                BuiltinOperator.DIV, BuiltinOperator.SQUARED_DIFFERENCE, BuiltinOperator.POW,
                BuiltinOperator.MAXIMUM, BuiltinOperator.MINIMUM, BuiltinOperator.LESS, BuiltinOperator.GREATER,
                BuiltinOperator.LESS_EQUAL, BuiltinOperator.GREATER_EQUAL, BuiltinOperator.EQUAL,
                BuiltinOperator.NOT_EQUAL}) {
            FACTORIES.put(code, BinaryKernel::create);
        }
        for (int code : new int[] {BuiltinOperator.RSQRT, BuiltinOperator.SQRT, BuiltinOperator.EXP,
                BuiltinOperator.TANH, BuiltinOperator.LOGISTIC, BuiltinOperator.GELU, BuiltinOperator.NEG}) {
            FACTORIES.put(code, UnaryKernel::create);
        }
        FACTORIES.put(BuiltinOperator.FULLY_CONNECTED, FullyConnected::create);
        FACTORIES.put(BuiltinOperator.BATCH_MATMUL, BatchMatMul::create);
        FACTORIES.put(BuiltinOperator.GATHER, Gather::create);
        FACTORIES.put(BuiltinOperator.EMBEDDING_LOOKUP, Gather::create);
        FACTORIES.put(BuiltinOperator.QUANTIZE, Quantize::create);
        FACTORIES.put(BuiltinOperator.DEQUANTIZE, Quantize::create);
        FACTORIES.put(BuiltinOperator.MEAN, Reduce::create);
        FACTORIES.put(BuiltinOperator.SUM, Reduce::create);
        FACTORIES.put(BuiltinOperator.SOFTMAX, Softmax::create);
        FACTORIES.put(BuiltinOperator.LOG_SOFTMAX, Softmax::create);
        FACTORIES.put(BuiltinOperator.RESHAPE, Reshape::create);
        FACTORIES.put(BuiltinOperator.SQUEEZE, Reshape::create);
        FACTORIES.put(BuiltinOperator.EXPAND_DIMS, Reshape::create);
        FACTORIES.put(BuiltinOperator.TRANSPOSE, Transpose::create);
        FACTORIES.put(BuiltinOperator.CONCATENATION, Concatenation::create);
        FACTORIES.put(BuiltinOperator.SLICE, Slice::create);
        FACTORIES.put(BuiltinOperator.STRIDED_SLICE, Slice::create);
        FACTORIES.put(BuiltinOperator.CAST, MiscKernels::cast);
        FACTORIES.put(BuiltinOperator.SELECT_V2, MiscKernels::selectV2);
        FACTORIES.put(BuiltinOperator.ARG_MAX, MiscKernels::argMax);
    }

    private KernelRegistry() {}

    /**
     * The kernel for {@code op}.
     *
     * @throws UnsupportedModelException when the operator or one of its attributes is not supported
     */
    public static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        Factory f = FACTORIES.get(op.builtinCode());
        if (f == null) {
            throw new UnsupportedModelException(op.opName() + " operator #" + op.index() + " version " + op.version()
                    + " has no portable kernel");
        }
        try {
            return f.create(op, graph);
        } catch (InvalidModelException e) {
            throw e;
        } catch (RuntimeException e) {
            // The options table is read lazily from the file; a corrupted offset surfaces here.
            throw new InvalidModelException(op.opName() + " operator #" + op.index() + " has corrupted options ("
                    + e + ")", e);
        }
    }

    /** Builtin codes that have a kernel. */
    public static Set<Integer> builtinCodes() {
        return Collections.unmodifiableSet(FACTORIES.keySet());
    }

    /** Which inner-product implementation kernels use ({@code scalar} or {@code vector}). */
    public static String dotImplementation() {
        return Dot.INSTANCE.name();
    }
}
