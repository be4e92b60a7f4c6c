package io.minnow.runtime.kernel;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import io.minnow.runtime.model.ModelTensor;
import java.util.Arrays;
import org.tensorflow.lite.schema.FullyConnectedOptions;
import org.tensorflow.lite.schema.FullyConnectedOptionsWeightsFormat;

/**
 * FULLY_CONNECTED: {@code out[r, o] = bias[o] + Σ_k in[r, k] · w[o, k]} with weights {@code [units, depth]}.
 * Float weights run in float. Int8 weights (per-tensor or per-channel along axis 0, symmetric) run the
 * "hybrid" way TensorFlow Lite does: each input row is quantized to int8 on the fly, the dot product is exact
 * in int32, and {@code acc · rowScale · weightScale[o]} is added to the bias. Work is split across output
 * units. Fully int8 operators (int8 input and output) run in {@link QuantizedFullyConnected}.
 */
final class FullyConnected implements OpKernel {
    private final boolean keepNumDims;
    private final Activation activation;
    private int[] rowQ = new int[0];
    private float[] rowScale = new float[0];

    private FullyConnected(boolean keepNumDims, Activation activation) {
        this.keepNumDims = keepNumDims;
        this.activation = activation;
    }

    static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 2);
        FullyConnectedOptions o = op.options(new FullyConnectedOptions());
        if (o != null && o.weightsFormat() != FullyConnectedOptionsWeightsFormat.DEFAULT) {
            throw Kernels.unsupported(op, "shuffled weights");
        }
        if (o != null && o.asymmetricQuantizeInputs()) {
            throw Kernels.unsupported(op, "asymmetric input quantization");
        }
        ModelTensor in = Kernels.input(op, graph, 0);
        ModelTensor w = Kernels.input(op, graph, 1);
        if (in.dataType() == DataType.INT8) {
            return QuantizedFullyConnected.create(op, graph, o != null && o.keepNumDims(),
                    o == null ? 0 : o.fusedActivationFunction());
        }
        if (in.dataType() != DataType.FLOAT32 || Kernels.output(op, graph, 0).dataType() != DataType.FLOAT32) {
            throw Kernels.unsupported(op, "a " + in.dataType() + " input (only float32 inputs, with float32 or int8 "
                    + "weights)");
        }
        if (w.shape().length != 2) {
            throw Kernels.unsupported(op, "weights of rank " + w.shape().length);
        }
        if (w.dataType() == DataType.INT8) {
            checkSymmetric(op, w.quantization());
        }
        ModelTensor bias = Kernels.input(op, graph, 2);
        if (bias != null && bias.dataType() != DataType.FLOAT32) {
            throw Kernels.unsupported(op, "a " + bias.dataType() + " bias");
        }
        return new FullyConnected(o != null && o.keepNumDims(),
                Activation.of(o == null ? 0 : o.fusedActivationFunction(), op));
    }

    static void checkSymmetric(ModelOperator op, Quantization q) {
        if (!q.isQuantized()) {
            throw Kernels.unsupported(op, "int8 weights without quantization parameters");
        }
        if (q.isPerChannel() && q.channelAxis() != 0) {
            throw Kernels.unsupported(op, "per-channel weights along axis " + q.channelAxis());
        }
        for (long z : q.zeroPoints()) {
            if (z != 0) {
                throw Kernels.unsupported(op, "int8 weights with zero point " + z);
            }
        }
    }

    @Override
    public void run(OpContext ctx) {
        TensorBuffer in = ctx.in(0);
        TensorBuffer w = ctx.in(1);
        TensorBuffer bias = ctx.in(2);
        int units = w.dim(0);
        int depth = w.dim(1);
        int rows = in.size() / depth;
        TensorBuffer out = ctx.out(0, outputShape(ctx, in, w, bias, keepNumDims));
        if (w.type == DataType.FLOAT32) {
            runFloat(ctx, in.f, w.f, bias == null ? null : bias.f, out.f, rows, units, depth);
        } else {
            runHybrid(ctx, in.f, w, bias == null ? null : bias.f, out.f, rows, units, depth);
        }
    }

    /**
     * The output shape for input {@code in} and weights {@code [units, depth]}: the input's shape with its last
     * dimension replaced by {@code units} when {@code keepNumDims}, else {@code [rows, units]}.
     */
    static int[] outputShape(OpContext ctx, TensorBuffer in, TensorBuffer w, TensorBuffer bias, boolean keepNumDims) {
        int units = w.dim(0);
        int depth = w.dim(1);
        int[] inShape = in.shape();
        if (inShape.length == 0 || in.size() % depth != 0 || (keepNumDims && inShape[inShape.length - 1] != depth)) {
            throw ctx.error("input " + Arrays.toString(inShape) + " does not match weights [" + units + ", " + depth
                    + "]");
        }
        if (bias != null && bias.size() != units) {
            throw ctx.error("bias has " + bias.size() + " elements for " + units + " units");
        }
        int[] outShape = keepNumDims ? inShape : new int[] {in.size() / depth, units};
        outShape[outShape.length - 1] = units;
        return outShape;
    }

    private void runFloat(OpContext ctx, float[] x, float[] w, float[] bias, float[] y, int rows, int units,
            int depth) {
        Dot dot = Dot.INSTANCE;
        ctx.parallel().forRange(units, (long) rows * depth, (from, to) -> {
            // Units outside, rows inside: a weight row is read from memory once and reused from cache.
            for (int o = from; o < to; o++) {
                for (int r = 0; r < rows; r++) {
                    float v = dot.dot(x, r * depth, w, o * depth, depth) + (bias == null ? 0f : bias[o]);
                    y[r * units + o] = activation.apply(v);
                }
            }
        });
    }

    private void runHybrid(OpContext ctx, float[] x, TensorBuffer w, float[] bias, float[] y, int rows, int units,
            int depth) {
        if (rowQ.length < rows * depth) {
            rowQ = new int[rows * depth];
            rowScale = new float[rows];
        }
        int[] q = rowQ;
        float[] s = rowScale;
        RowQuantizer.quantize(x, 0, rows, depth, q, s);
        Quantization wq = w.quantization;
        boolean perChannel = wq.isPerChannel();
        float tensorScale = wq.scale(0);
        byte[] wb = w.b;
        Dot dot = Dot.INSTANCE;
        ctx.parallel().forRange(units, (long) rows * depth, (from, to) -> {
            int[] acc = new int[8];
            int o = from;
            // Four units by up to two rows at a time: each loaded vector serves several products.
            for (; o + 4 <= to; o += 4) {
                for (int r = 0; r < rows; r += 2) {
                    int pair = Math.min(2, rows - r);
                    dot.dot4(q, r * depth, depth, pair, wb, o * depth, depth, depth, acc);
                    for (int p = 0; p < pair; p++) {
                        for (int u = 0; u < 4; u++) {
                            float weightScale = perChannel ? wq.scale(o + u) : tensorScale;
                            float b = bias == null ? 0f : bias[o + u];
                            y[(r + p) * units + o + u] = activation.apply(b + acc[p * 4 + u] * (s[r + p] * weightScale));
                        }
                    }
                }
            }
            for (; o < to; o++) {
                float weightScale = perChannel ? wq.scale(o) : tensorScale;
                float b = bias == null ? 0f : bias[o];
                for (int r = 0; r < rows; r++) {
                    int sum = dot.dot(q, r * depth, wb, o * depth, depth);
                    y[r * units + o] = activation.apply(b + sum * (s[r] * weightScale));
                }
            }
        });
    }
}
