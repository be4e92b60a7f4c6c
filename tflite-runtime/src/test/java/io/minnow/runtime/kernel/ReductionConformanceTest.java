package io.minnow.runtime.kernel;

import static io.minnow.runtime.kernel.OneOpModel.randomFloats;
import static io.minnow.runtime.kernel.OneOpModel.randomInt8;
import static io.minnow.runtime.kernel.OneOpModel.randomShape;
import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.builder.OpOptions;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.BuiltinOperator;

/**
 * MEAN, SUM, SOFTMAX, LOG_SOFTMAX, ARG_MAX, QUANTIZE and DEQUANTIZE against the native interpreter on
 * randomized shapes, axes and parameters (floats: 1e-5 absolute + 1e-5 relative; quantized: one step). GELU,
 * which TensorFlow Lite 2.6.2 does not have, is checked against its formula computed in double.
 */
class ReductionConformanceTest {
    private static final int CASES = 8;
    private final SplittableRandom rnd = new SplittableRandom(5);

    @Test
    void meanAndSumOverRandomAxesMatchNative() {
        for (int code : new int[] {BuiltinOperator.MEAN, BuiltinOperator.SUM}) {
            for (int c = 0; c < CASES; c++) {
                int[] s = randomShape(rnd, 1, 4, 5);
                int[] axes = rnd.ints(rnd.nextInt(1, s.length + 1), -s.length, s.length).distinct().toArray();
                boolean keep = rnd.nextBoolean();
                OneOpModel m = new OneOpModel(BuiltinOperator.name(code) + " " + Arrays.toString(s) + " axes "
                        + Arrays.toString(axes) + " keep " + keep);
                int in = m.input(randomFloats(rnd, s, -2f, 2f));
                int ax = m.constant(Tensor.ofInts(new int[] {axes.length}, axes), Quantization.NONE);
                int out = m.output(DataType.FLOAT32, Quantization.NONE, 1);
                m.op(code, 1, OpOptions.reducer(keep), new int[] {in, ax}, out).assertConforms(1e-5, 1e-5, 0);
            }
        }
    }

    @Test
    void softmaxAndLogSoftmaxMatchNative() {
        for (int c = 0; c < CASES; c++) {
            int[] s = randomShape(rnd, 1, 4, 7);
            float beta = 0.5f + (float) rnd.nextDouble();
            OneOpModel m = new OneOpModel("SOFTMAX " + Arrays.toString(s) + " beta " + beta);
            int in = m.input(randomFloats(rnd, s, -5f, 5f));
            int out = m.output(DataType.FLOAT32, Quantization.NONE, s);
            m.op(BuiltinOperator.SOFTMAX, 1, OpOptions.softmax(beta), new int[] {in}, out).assertConforms(1e-6, 1e-5, 0);

            OneOpModel l = new OneOpModel("LOG_SOFTMAX " + Arrays.toString(s));
            int lin = l.input(randomFloats(rnd, s, -5f, 5f));
            int lout = l.output(DataType.FLOAT32, Quantization.NONE, s);
            l.op(BuiltinOperator.LOG_SOFTMAX, 1, OpOptions.logSoftmax(), new int[] {lin}, lout)
                    .assertConforms(1e-5, 1e-5, 0);
        }
    }

    @Test
    void argMaxMatchesNative() {
        for (int c = 0; c < CASES; c++) {
            int[] s = randomShape(rnd, 1, 4, 6);
            int axis = rnd.nextInt(-s.length, s.length);
            DataType type = rnd.nextBoolean() ? DataType.INT32 : DataType.INT64;
            OneOpModel m = new OneOpModel("ARG_MAX " + Arrays.toString(s) + " axis " + axis + " " + type);
            int in = m.input(randomFloats(rnd, s, -5f, 5f));
            int ax = m.constant(Tensor.ofInts(new int[] {1}, axis), Quantization.NONE);
            int out = m.output(type, Quantization.NONE, 1);
            m.op(BuiltinOperator.ARG_MAX, 1, OpOptions.argMax(type), new int[] {in, ax}, out).assertConforms(0, 0, 0);
        }
    }

    @Test
    void quantizeAndDequantizeMatchNative() {
        for (int c = 0; c < CASES; c++) {
            int[] s = randomShape(rnd, 1, 3, 6);
            Quantization q = Quantization.perTensor(0.01f + 0.1f * (float) rnd.nextDouble(), rnd.nextInt(-20, 20));
            OneOpModel m = new OneOpModel("QUANTIZE " + Arrays.toString(s) + " " + q);
            int in = m.input(randomFloats(rnd, s, -4f, 4f));
            int out = m.output(DataType.INT8, q, s);
            m.op(BuiltinOperator.QUANTIZE, 1, OpOptions.NONE, new int[] {in}, out).assertConforms(0, 0, 1);

            OneOpModel d = new OneOpModel("DEQUANTIZE " + Arrays.toString(s) + " " + q);
            int din = d.input(randomInt8(rnd, s, -128, 127), q);
            int dout = d.output(DataType.FLOAT32, Quantization.NONE, s);
            d.op(BuiltinOperator.DEQUANTIZE, 2, OpOptions.NONE, new int[] {din}, dout).assertConforms(1e-6, 1e-6, 0);
        }
    }

    @Test
    void perChannelDequantizeMatchesDefinition() {
        int[] s = {3, 4};
        float[] scales = {0.5f, 0.25f, 2f};
        Tensor values = randomInt8(rnd, s, -128, 127);
        OneOpModel d = new OneOpModel("per-channel DEQUANTIZE");
        int din = d.constant(values, Quantization.perChannel(scales, new long[3], 0));
        int dout = d.output(DataType.FLOAT32, Quantization.NONE, s);
        d.op(BuiltinOperator.DEQUANTIZE, 2, OpOptions.NONE, new int[] {din}, dout);
        float[] out = d.run(OneOpModel.JAVA).toFloatArray();
        byte[] q = values.toByteArray();
        for (int k = 0; k < q.length; k++) {
            assertThat(out[k]).isEqualTo(q[k] * scales[k / 4]);
        }
    }

    @Test
    void geluMatchesItsDefinition() {
        for (boolean approximate : new boolean[] {false, true}) {
            int[] s = randomShape(rnd, 1, 3, 8);
            Tensor x = randomFloats(rnd, s, -6f, 6f);
            OneOpModel m = new OneOpModel("GELU approximate " + approximate);
            int in = m.input(x);
            int out = m.output(DataType.FLOAT32, Quantization.NONE, s);
            m.op(BuiltinOperator.GELU, 1, OpOptions.gelu(approximate), new int[] {in}, out);
            float[] actual = m.run(OneOpModel.JAVA).toFloatArray();
            float[] xs = x.toFloatArray();
            for (int k = 0; k < xs.length; k++) {
                double v = xs[k];
                double expected = approximate
                        ? 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)))
                        : 0.5 * v * (1 + erf(v / Math.sqrt(2)));
                assertThat((double) actual[k]).as("gelu(%s)", v).isCloseTo(expected, Offset.offset(2e-6 + 1e-6 * Math.abs(v)));
            }
        }
    }

    /** erf by its Taylor series, exact to double rounding for |x| ≤ 5. */
    private static double erf(double x) {
        if (Math.abs(x) > 5) {
            return Math.signum(x);
        }
        double sum = 0;
        double term = x;
        for (int n = 0; n < 200; n++) {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.sqrt(Math.PI) * sum;
    }
}
