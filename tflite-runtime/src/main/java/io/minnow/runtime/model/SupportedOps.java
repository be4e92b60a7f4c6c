package io.minnow.runtime.model;

import static io.minnow.runtime.DataType.BOOL;
import static io.minnow.runtime.DataType.FLOAT32;
import static io.minnow.runtime.DataType.INT32;
import static io.minnow.runtime.DataType.INT64;
import static io.minnow.runtime.DataType.INT8;

import io.minnow.runtime.DataType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * The operators Minnow runs: each with the highest version whose semantics both backends share and the tensor
 * types its inputs and outputs may have. A model using anything else is rejected when it is loaded, so a
 * device never finds out mid-request. The portable interpreter has a kernel for every entry.
 *
 * <p>Immutable and thread-safe.
 */
public final class SupportedOps {

    /** What one operator accepts. */
    public record Spec(int builtinCode, int maxVersion, Set<DataType> tensorTypes) {
        public Spec {
            tensorTypes = Collections.unmodifiableSet(EnumSet.copyOf(tensorTypes));
        }
    }

    private static final Map<Integer, Spec> SPECS = new HashMap<>();

    static {
        Set<DataType> arith = EnumSet.of(FLOAT32, INT32, INT64, INT8);
        Set<DataType> any = EnumSet.of(FLOAT32, INT32, INT64, INT8, BOOL);
        Set<DataType> real = EnumSet.of(FLOAT32);
        Set<DataType> realInt8 = EnumSet.of(FLOAT32, INT8);
        add(BuiltinOperator.FULLY_CONNECTED, 9, EnumSet.of(FLOAT32, INT8, INT32));
        add(BuiltinOperator.BATCH_MATMUL, 4, EnumSet.of(FLOAT32, INT8));
        add(BuiltinOperator.GATHER, 5, any);
        add(BuiltinOperator.EMBEDDING_LOOKUP, 3, EnumSet.of(FLOAT32, INT8, INT32));
        add(BuiltinOperator.DEQUANTIZE, 4, realInt8);
        add(BuiltinOperator.QUANTIZE, 3, realInt8);
        add(BuiltinOperator.ADD, 4, arith);
        add(BuiltinOperator.SUB, 5, arith);
        add(BuiltinOperator.MUL, 5, arith);
        add(BuiltinOperator.DIV, 2, EnumSet.of(FLOAT32, INT32));
        add(BuiltinOperator.SQUARED_DIFFERENCE, 2, EnumSet.of(FLOAT32, INT32));
        add(BuiltinOperator.POW, 1, EnumSet.of(FLOAT32, INT32));
        add(BuiltinOperator.MAXIMUM, 4, EnumSet.of(FLOAT32, INT32, INT64));
        add(BuiltinOperator.MINIMUM, 4, EnumSet.of(FLOAT32, INT32, INT64));
        add(BuiltinOperator.MEAN, 2, EnumSet.of(FLOAT32, INT32));
        add(BuiltinOperator.SUM, 2, EnumSet.of(FLOAT32, INT32));
        add(BuiltinOperator.RSQRT, 2, real);
        add(BuiltinOperator.SQRT, 1, real);
        add(BuiltinOperator.EXP, 2, real);
        add(BuiltinOperator.NEG, 2, EnumSet.of(FLOAT32, INT32, INT64));
        add(BuiltinOperator.TANH, 3, real);
        add(BuiltinOperator.LOGISTIC, 3, real);
        add(BuiltinOperator.GELU, 2, real);
        add(BuiltinOperator.SOFTMAX, 3, real);
        add(BuiltinOperator.LOG_SOFTMAX, 2, real);
        add(BuiltinOperator.RESHAPE, 1, any);
        add(BuiltinOperator.SQUEEZE, 1, any);
        add(BuiltinOperator.EXPAND_DIMS, 1, any);
        add(BuiltinOperator.TRANSPOSE, 5, any);
        add(BuiltinOperator.CONCATENATION, 3, any);
        add(BuiltinOperator.SLICE, 4, any);
        add(BuiltinOperator.STRIDED_SLICE, 5, any);
        add(BuiltinOperator.CAST, 3, any);
        add(BuiltinOperator.SELECT_V2, 1, any);
        add(BuiltinOperator.LESS, 2, any);
        add(BuiltinOperator.GREATER, 2, any);
        add(BuiltinOperator.LESS_EQUAL, 2, any);
        add(BuiltinOperator.GREATER_EQUAL, 2, any);
        add(BuiltinOperator.EQUAL, 3, any);
        add(BuiltinOperator.NOT_EQUAL, 3, any);
        add(BuiltinOperator.ARG_MAX, 2, EnumSet.of(FLOAT32, INT32, INT64, INT8));
    }

    private SupportedOps() {}

    private static void add(int code, int maxVersion, Set<DataType> types) {
        SPECS.put(code, new Spec(code, maxVersion, types));
    }

    /** The spec of a builtin operator, or {@code null} when Minnow does not run it. */
    public static Spec spec(int builtinCode) {
        return SPECS.get(builtinCode);
    }

    /** Every supported builtin code. */
    public static Set<Integer> builtinCodes() {
        return Collections.unmodifiableSet(SPECS.keySet());
    }
}
