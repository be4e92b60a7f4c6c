package io.minnow.runtime.kernel;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.model.ModelOperator;
import io.minnow.runtime.model.ModelSubgraph;
import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * QUANTIZE (float32 to int8, or int8 requantized) and DEQUANTIZE (int8 to float32), per-tensor or per-channel.
 * Rounding is half away from zero, as TensorFlow Lite's {@code TfLiteRound}.
 */
final class Quantize implements OpKernel {
    private final boolean quantize;

    private Quantize(boolean quantize) {
        this.quantize = quantize;
    }

    static OpKernel create(ModelOperator op, ModelSubgraph graph) {
        Kernels.requireInputs(op, 1);
        DataType in = Kernels.input(op, graph, 0).dataType();
        DataType out = Kernels.output(op, graph, 0).dataType();
        boolean quantize = op.builtinCode() == BuiltinOperator.QUANTIZE;
        if (quantize ? out != DataType.INT8 : (in != DataType.INT8 || out != DataType.FLOAT32)) {
            throw Kernels.unsupported(op, in + " to " + out);
        }
        if (quantize && !Kernels.output(op, graph, 0).quantization().isQuantized()) {
            throw Kernels.unsupported(op, "an int8 output without quantization parameters");
        }
        return new Quantize(quantize);
    }

    /**
     * Half away from zero, like C's {@code round}. Adding 0.5 in double is exact for any float, and the cast
     * truncates a non-negative value, which is the floor.
     */
    static int round(float x) {
        return x >= 0 ? (int) (x + 0.5d) : -(int) (-x + 0.5d);
    }

    static byte toInt8(float real, Quantization q) {
        int v = round(real / q.scale(0)) + (int) q.zeroPoint(0);
        return (byte) Math.max(-128, Math.min(127, v));
    }

    @Override
    public void run(OpContext ctx) {
        TensorBuffer in = ctx.in(0);
        TensorBuffer out = ctx.out(0, in.shape());
        int n = in.size();
        Quantization qi = in.quantization;
        Quantization qo = out.quantization;
        int[] shape = in.shape();
        if (!quantize) {
            int axis = qi.isPerChannel() ? qi.channelAxis() : 0;
            int inner = qi.isPerChannel() ? Shapes.product(shape, axis + 1, shape.length) : n;
            int channels = qi.isPerChannel() ? shape[axis] : 1;
            for (int k = 0; k < n; k++) {
                int c = qi.isPerChannel() ? (k / inner) % channels : 0;
                float scale = qi.isQuantized() ? qi.scale(c) : 1f;
                long zero = qi.isQuantized() ? qi.zeroPoint(c) : 0;
                out.f[k] = scale * (in.b[k] - zero);
            }
        } else if (in.type == DataType.FLOAT32) {
            int axis = qo.isPerChannel() ? qo.channelAxis() : 0;
            int inner = qo.isPerChannel() ? Shapes.product(shape, axis + 1, shape.length) : n;
            int channels = qo.isPerChannel() ? shape[axis] : 1;
            for (int k = 0; k < n; k++) {
                int c = qo.isPerChannel() ? (k / inner) % channels : 0;
                int v = round(in.f[k] / qo.scale(c)) + (int) qo.zeroPoint(c);
                out.b[k] = (byte) Math.max(-128, Math.min(127, v));
            }
        } else {
            for (int k = 0; k < n; k++) {
                float real = qi.scale(0) * (in.b[k] - qi.zeroPoint(0));
                out.b[k] = toInt8(real, qo);
            }
        }
    }
}
