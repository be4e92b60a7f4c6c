package io.minnow.runtime.kernel;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import java.util.Arrays;
import org.tensorflow.lite.schema.AddOptions;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.DivOptions;
import org.tensorflow.lite.schema.MulOptions;
import org.tensorflow.lite.schema.SubOptions;

/**
 * Element-wise binary operators with NumPy broadcasting: arithmetic (ADD, SUB, MUL, DIV, SQUARED_DIFFERENCE, POW,
 * MAXIMUM, MINIMUM) and comparisons (LESS, GREATER, LESS_EQUAL, GREATER_EQUAL, EQUAL, NOT_EQUAL, giving bool).
 * Float32 is computed in float; int32/int64 in integer arithmetic; quantized int8 is dequantized, computed in
 * float and requantized to the output's parameters (TensorFlow Lite's fixed-point kernels can differ by one
 * step).
 */
final class BinaryKernel implements OpKernel {
    private final int code;
    private final Activation activation;
    private final boolean comparison;
    private int[] planA;
    private int[] planB;
    private int[] plannedA;
    private int[] plannedB;
    private int periodB;
    private int rowB;

    private BinaryKernel(int code, Activation activation) {
        this.code = code;
        this.activation = activation;
        this.comparison = switch (code) {
            case BuiltinOperator.LESS, BuiltinOperator.GREATER, BuiltinOperator.LESS_EQUAL,
                    BuiltinOperator.GREATER_EQUAL, BuiltinOperator.EQUAL, BuiltinOperator.NOT_EQUAL -> true;
            default -> false;
        };
    }

    static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        byte act = switch (op.builtinCode()) {
            case BuiltinOperator.ADD -> {
                AddOptions o = op.options(new AddOptions());
                yield o == null ? 0 : o.fusedActivationFunction();
            }
            case BuiltinOperator.SUB -> {
                SubOptions o = op.options(new SubOptions());
                yield o == null ? 0 : o.fusedActivationFunction();
            }
            case BuiltinOperator.MUL -> {
                MulOptions o = op.options(new MulOptions());
                yield o == null ? 0 : o.fusedActivationFunction();
            }
            case BuiltinOperator.DIV -> {
                DivOptions o = op.options(new DivOptions());
                yield o == null ? 0 : o.fusedActivationFunction();
            }
            default -> 0;
        };
        Kernels.requireInputs(op, 2);
        Kernels.requireSameType(op, graph, 0, 1);
        return new BinaryKernel(op.builtinCode(), Activation.of(act, op));
    }

    @Override
    public void run(OpContext ctx) {
        TensorBuffer a = ctx.in(0);
        TensorBuffer b = ctx.in(1);
        int[] sa = a.shape();
        int[] sb = b.shape();
        int[] shape = Shapes.broadcast(sa, sb);
        if (shape == null) {
            throw ctx.error("shapes " + Arrays.toString(sa) + " and " + Arrays.toString(sb) + " do not broadcast");
        }
        if (!Arrays.equals(sa, plannedA) || !Arrays.equals(sb, plannedB)) {
            planA = Shapes.broadcastIndex(sa, shape);
            planB = Shapes.broadcastIndex(sb, shape);
            plannedA = sa;
            plannedB = sb;
            classify(sb, shape);
        }
        TensorBuffer out = ctx.out(0, shape);
        int n = out.size();
        if (a.type == DataType.FLOAT32 && !comparison) {
            floats(a.f, b.f, out.f, n, b.size() == 1);
            activation.apply(out.f, 0, n);
        } else {
            generic(a, b, out, n);
        }
    }

    private void floats(float[] x, float[] y, float[] z, int n, boolean scalarB) {
        int[] ia = planA;
        int[] ib = planB;
        if (ia == null && scalarB) {
            float s = y[0];
            switch (code) {
                case BuiltinOperator.ADD -> { for (int k = 0; k < n; k++) z[k] = x[k] + s; }
                case BuiltinOperator.SUB -> { for (int k = 0; k < n; k++) z[k] = x[k] - s; }
                case BuiltinOperator.MUL -> { for (int k = 0; k < n; k++) z[k] = x[k] * s; }
                default -> { for (int k = 0; k < n; k++) z[k] = apply(x[k], s); }
            }
            return;
        }
        if (ia == null && ib == null) {
            switch (code) {
                case BuiltinOperator.ADD -> { for (int k = 0; k < n; k++) z[k] = x[k] + y[k]; }
                case BuiltinOperator.SUB -> { for (int k = 0; k < n; k++) z[k] = x[k] - y[k]; }
                case BuiltinOperator.MUL -> { for (int k = 0; k < n; k++) z[k] = x[k] * y[k]; }
                default -> { for (int k = 0; k < n; k++) z[k] = apply(x[k], y[k]); }
            }
            return;
        }
        if (ia == null && periodB > 0 && fastOp()) {
            // b repeats with period periodB along a (e.g. a bias [d] against [1, T, d]).
            for (int base = 0; base < n; base += periodB) {
                for (int j = 0; j < periodB; j++) {
                    z[base + j] = fast(x[base + j], y[j]);
                }
            }
            return;
        }
        if (ia == null && rowB > 0 && fastOp()) {
            // b holds one value per row of length rowB (e.g. a mean [1, T, 1] against [1, T, d]).
            for (int r = 0, base = 0; base < n; r++, base += rowB) {
                float v = y[r];
                for (int j = 0; j < rowB; j++) {
                    z[base + j] = fast(x[base + j], v);
                }
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            z[k] = apply(x[ia == null ? k : ia[k]], y[ib == null ? k : ib[k]]);
        }
    }

    private boolean fastOp() {
        return code == BuiltinOperator.ADD || code == BuiltinOperator.SUB || code == BuiltinOperator.MUL;
    }

    private float fast(float x, float y) {
        return code == BuiltinOperator.ADD ? x + y : code == BuiltinOperator.SUB ? x - y : x * y;
    }

    /**
     * Recognizes the two broadcasts transformer graphs are made of: {@code b} equal to a suffix of the output
     * shape with leading ones (periodic), and {@code b} equal to the output shape with a trailing 1 (per row).
     */
    private void classify(int[] sb, int[] out) {
        periodB = 0;
        rowB = 0;
        int offset = out.length - sb.length;
        boolean suffix = true;
        boolean seenReal = false;
        for (int k = 0; k < sb.length; k++) {
            if (sb[k] != 1) {
                seenReal = true;
            }
            if (seenReal && sb[k] != out[k + offset]) {
                suffix = false;
            }
        }
        if (suffix) {
            periodB = Shapes.product(sb);
            return;
        }
        if (sb.length == out.length && sb.length > 0 && sb[sb.length - 1] == 1) {
            for (int k = 0; k < sb.length - 1; k++) {
                if (sb[k] != out[k]) {
                    return;
                }
            }
            rowB = out[out.length - 1];
        }
    }

    private float apply(float x, float y) {
        return switch (code) {
            case BuiltinOperator.ADD -> x + y;
            case BuiltinOperator.SUB -> x - y;
            case BuiltinOperator.MUL -> x * y;
            case BuiltinOperator.DIV -> x / y;
            case BuiltinOperator.SQUARED_DIFFERENCE -> (x - y) * (x - y);
            case BuiltinOperator.POW -> (float) Math.pow(x, y);
            case BuiltinOperator.MAXIMUM -> Math.max(x, y);
            case BuiltinOperator.MINIMUM -> Math.min(x, y);
            default -> throw new IllegalStateException("not arithmetic: " + code);
        };
    }

    private void generic(TensorBuffer a, TensorBuffer b, TensorBuffer out, int n) {
        int[] ia = planA;
        int[] ib = planB;
        boolean quantized = a.type == DataType.INT8;
        for (int k = 0; k < n; k++) {
            int ka = ia == null ? k : ia[k];
            int kb = ib == null ? k : ib[k];
            if (comparison) {
                double x = quantized ? dequantize(a, ka) : a.get(ka);
                double y = quantized ? dequantize(b, kb) : b.get(kb);
                out.b[k] = compare(x, y) ? (byte) 1 : 0;
            } else if (quantized) {
                float r = activation.apply(apply((float) dequantize(a, ka), (float) dequantize(b, kb)));
                out.b[k] = Quantize.toInt8(r, out.quantization);
            } else if (a.type == DataType.INT32) {
                out.i[k] = (int) applyLong(a.i[ka], b.i[kb]);
            } else if (a.type == DataType.INT64) {
                out.l[k] = applyLong(a.l[ka], b.l[kb]);
            } else {
                throw new IllegalStateException(a.type + " is not an arithmetic type");
            }
        }
    }

    private static double dequantize(TensorBuffer t, int k) {
        Quantization q = t.quantization;
        return q.isQuantized() ? q.scale(0) * (t.b[k] - q.zeroPoint(0)) : t.b[k];
    }

    private long applyLong(long x, long y) {
        long r = switch (code) {
            case BuiltinOperator.ADD -> x + y;
            case BuiltinOperator.SUB -> x - y;
            case BuiltinOperator.MUL -> x * y;
            case BuiltinOperator.DIV -> y == 0 ? 0 : x / y;
            case BuiltinOperator.SQUARED_DIFFERENCE -> (x - y) * (x - y);
            case BuiltinOperator.POW -> (long) Math.pow(x, y);
            case BuiltinOperator.MAXIMUM -> Math.max(x, y);
            case BuiltinOperator.MINIMUM -> Math.min(x, y);
            default -> throw new IllegalStateException("not arithmetic: " + code);
        };
        return switch (activation) {
            case NONE -> r;
            case RELU -> Math.max(0, r);
            case RELU6 -> Math.max(0, Math.min(6, r));
            case RELU_N1_TO_1 -> Math.max(-1, Math.min(1, r));
        };
    }

    private boolean compare(double x, double y) {
        return switch (code) {
            case BuiltinOperator.LESS -> x < y;
            case BuiltinOperator.GREATER -> x > y;
            case BuiltinOperator.LESS_EQUAL -> x <= y;
            case BuiltinOperator.GREATER_EQUAL -> x >= y;
            case BuiltinOperator.EQUAL -> x == y;
            case BuiltinOperator.NOT_EQUAL -> x != y;
            default -> throw new IllegalStateException("not a comparison: " + code);
        };
    }
}
