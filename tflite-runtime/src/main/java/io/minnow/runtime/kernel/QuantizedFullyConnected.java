package io.minnow.runtime.kernel;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import io.minnow.runtime.model.ModelTensor;
import org.tensorflow.lite.schema.ActivationFunctionType;

/**
 * Fully int8 FULLY_CONNECTED: int8 input (per-tensor, any zero point), int8 weights (per-tensor or per-channel,
 * symmetric), optional int32 bias in units of inputScale·weightScale, int8 output. The integer sum is exact;
 * it is rescaled to the output in double and rounded half away from zero, where TensorFlow Lite uses a
 * fixed-point multiplier — results can differ by one quantization step.
 */
final class QuantizedFullyConnected implements OpKernel {
    private final boolean keepNumDims;
    private final byte activation;
    private int[] row = new int[0];

    private QuantizedFullyConnected(boolean keepNumDims, byte activation) {
        this.keepNumDims = keepNumDims;
        this.activation = activation;
    }

    static OpKernel create(ModelOperator op, ModelSubgraph graph, boolean keepNumDims, byte activation) {
        ModelTensor in = Kernels.input(op, graph, 0);
        ModelTensor w = Kernels.input(op, graph, 1);
        ModelTensor out = Kernels.output(op, graph, 0);
        ModelTensor bias = Kernels.input(op, graph, 2);
        if (w.dataType() != DataType.INT8 || out.dataType() != DataType.INT8
                || (bias != null && bias.dataType() != DataType.INT32)) {
            throw Kernels.unsupported(op, "an int8 input with " + w.dataType() + " weights, "
                    + (bias == null ? "no" : bias.dataType()) + " bias and a " + out.dataType() + " output");
        }
        if (w.shape().length != 2) {
            throw Kernels.unsupported(op, "weights of rank " + w.shape().length);
        }
        FullyConnected.checkSymmetric(op, w.quantization());
        if (in.quantization().isPerChannel() || !in.quantization().isQuantized()
                || out.quantization().isPerChannel() || !out.quantization().isQuantized()) {
            throw Kernels.unsupported(op, "int8 input or output without per-tensor quantization");
        }
        if (activation != ActivationFunctionType.NONE && activation != ActivationFunctionType.RELU
                && activation != ActivationFunctionType.RELU6) {
            throw Kernels.unsupported(op, "fused activation " + ActivationFunctionType.name(activation));
        }
        return new QuantizedFullyConnected(keepNumDims, activation);
    }

    @Override
    public void run(OpContext ctx) {
        TensorBuffer in = ctx.in(0);
        TensorBuffer w = ctx.in(1);
        TensorBuffer bias = ctx.in(2);
        int units = w.dim(0);
        int depth = w.dim(1);
        int rows = in.size() / depth;
        TensorBuffer out = ctx.out(0, FullyConnected.outputShape(ctx, in, w, bias, keepNumDims));
        Quantization qi = in.quantization;
        Quantization qw = w.quantization;
        Quantization qo = out.quantization;
        int zeroIn = (int) qi.zeroPoint(0);
        int zeroOut = (int) qo.zeroPoint(0);
        int lo = -128;
        int hi = 127;
        if (activation != ActivationFunctionType.NONE) {
            lo = Math.max(lo, zeroOut);
            if (activation == ActivationFunctionType.RELU6) {
                hi = Math.min(hi, zeroOut + Quantize.round(6f / qo.scale(0)));
            }
        }
        if (row.length < depth) {
            row = new int[depth];
        }
        Dot dot = Dot.INSTANCE;
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < depth; k++) {
                row[k] = in.b[r * depth + k] - zeroIn;
            }
            for (int o = 0; o < units; o++) {
                long acc = dot.dot(row, 0, w.b, o * depth, depth) + (bias == null ? 0 : bias.i[o]);
                double multiplier = (double) qi.scale(0) * qw.scale(qw.isPerChannel() ? o : 0) / qo.scale(0);
                double scaled = acc * multiplier;
                int q = (int) (scaled >= 0 ? Math.floor(scaled + 0.5) : -Math.floor(-scaled + 0.5)) + zeroOut;
                out.b[r * units + o] = (byte) Math.max(lo, Math.min(hi, q));
            }
        }
    }
}
