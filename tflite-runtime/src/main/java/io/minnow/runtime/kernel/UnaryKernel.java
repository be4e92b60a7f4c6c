package io.minnow.runtime.kernel;

import io.minnow.runtime.DataType;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.GeluOptions;

/** Element-wise float functions: RSQRT, SQRT, EXP, TANH, LOGISTIC, GELU (exact or tanh approximation), NEG. */
final class UnaryKernel implements OpKernel {
    private static final float SQRT_2_OVER_PI = 0.7978845608028654f;
    private final int code;
    private final boolean approximate;

    private UnaryKernel(int code, boolean approximate) {
        this.code = code;
        this.approximate = approximate;
    }

    static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 1);
        boolean approximate = false;
        if (op.builtinCode() == BuiltinOperator.GELU) {
            GeluOptions o = op.options(new GeluOptions());
            approximate = o != null && o.approximate();
        }
        if (op.builtinCode() != BuiltinOperator.NEG && Kernels.input(op, graph, 0).dataType() != DataType.FLOAT32) {
            throw Kernels.unsupported(op, Kernels.input(op, graph, 0).dataType() + " input");
        }
        return new UnaryKernel(op.builtinCode(), approximate);
    }

    @Override
    public void run(OpContext ctx) {
        TensorBuffer in = ctx.in(0);
        TensorBuffer out = ctx.out(0, in.shape());
        int n = in.size();
        if (in.type == DataType.INT32) {
            for (int k = 0; k < n; k++) {
                out.i[k] = -in.i[k];
            }
            return;
        }
        if (in.type == DataType.INT64) {
            for (int k = 0; k < n; k++) {
                out.l[k] = -in.l[k];
            }
            return;
        }
        float[] x = in.f;
        float[] y = out.f;
        switch (code) {
            case BuiltinOperator.RSQRT -> { for (int k = 0; k < n; k++) y[k] = (float) (1.0 / Math.sqrt(x[k])); }
            case BuiltinOperator.SQRT -> { for (int k = 0; k < n; k++) y[k] = (float) Math.sqrt(x[k]); }
            case BuiltinOperator.EXP -> { for (int k = 0; k < n; k++) y[k] = (float) Math.exp(x[k]); }
            case BuiltinOperator.TANH -> { for (int k = 0; k < n; k++) y[k] = tanh(x[k]); }
            case BuiltinOperator.LOGISTIC -> { for (int k = 0; k < n; k++) y[k] = (float) (1 / (1 + Math.exp(-x[k]))); }
            case BuiltinOperator.NEG -> { for (int k = 0; k < n; k++) y[k] = -x[k]; }
            case BuiltinOperator.GELU -> {
                for (int k = 0; k < n; k++) {
                    float v = x[k];
                    y[k] = approximate
                            ? 0.5f * v * (1f + tanh(SQRT_2_OVER_PI * (v + 0.044715f * v * v * v)))
                            : (float) (0.5 * v * (1 + erf(v / Math.sqrt(2))));
                }
            }
            default -> throw new IllegalStateException("not a unary op: " + code);
        }
    }

    /**
     * tanh through one {@code exp} in double, (e^2x − 1)/(e^2x + 1): within a float rounding of {@link Math#tanh},
     * which the JIT does not intrinsify and which cost more than all matrix products of a decode step.
     */
    static float tanh(float x) {
        if (x > 20f) {
            return 1f;
        }
        if (x < -20f) {
            return -1f;
        }
        double e = Math.exp(2.0 * x);
        return (float) ((e - 1) / (e + 1));
    }

    /** The error function to about 1.2e-7 (the Chebyshev fit from Numerical Recipes, erfc form). */
    static double erf(double x) {
        double t = 1 / (1 + 0.5 * Math.abs(x));
        double y = 1 - t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? y : -y;
    }
}
