package io.minnow.runtime.kernel;

import static io.minnow.runtime.kernel.OneOpModel.randomFloats;
import static io.minnow.runtime.kernel.OneOpModel.randomInt8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.builder.OpOptions;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;

/**
 * FULLY_CONNECTED and BATCH_MATMUL, float and hybrid int8, on randomized shapes and attributes. Float: 1e-5
 * absolute + 1e-5 relative (summation order). Hybrid per-tensor: the same, since both backends quantize input
 * rows identically and the integer dot product is exact. Per-channel int8 FULLY_CONNECTED and hybrid
 * BATCH_MATMUL are checked against a float reference instead, because TensorFlow Lite 2.6.2 gets them wrong
 * (zeros; uninitialized memory); the bound is the worst case of input-row quantization, Σ|w|·(row scale / 2).
 */
class MatrixConformanceTest {
    private static final int CASES = 10;
    private final SplittableRandom rnd = new SplittableRandom(7);

    @Test
    void floatFullyConnectedMatchesNative() {
        for (int c = 0; c < CASES; c++) {
            fullyConnected(false).assertConforms(1e-5, 1e-5, 0);
        }
    }

    @Test
    void hybridPerTensorFullyConnectedMatchesNative() {
        for (int c = 0; c < CASES; c++) {
            fullyConnected(true).assertConforms(1e-5, 1e-5, 0);
        }
    }

    @Test
    void fullyInt8FullyConnectedWithinOneStepOfNative() {
        for (int c = 0; c < CASES; c++) {
            int units = rnd.nextInt(1, 17);
            int depth = rnd.nextInt(1, 40);
            int rows = rnd.nextInt(1, 4);
            Quantization qi = Quantization.perTensor(0.02f + 0.05f * (float) rnd.nextDouble(), rnd.nextInt(-20, 20));
            float ws = 0.002f + 0.02f * (float) rnd.nextDouble();
            Quantization qo = Quantization.perTensor(0.05f + 0.2f * (float) rnd.nextDouble(), rnd.nextInt(-20, 20));
            boolean withBias = rnd.nextBoolean();
            OneOpModel m = new OneOpModel("int8 FC rows " + rows + " depth " + depth + " units " + units);
            int in = m.input(randomInt8(rnd, new int[] {rows, depth}, -128, 127), qi);
            int w = m.constant(randomInt8(rnd, new int[] {units, depth}, -127, 127), Quantization.perTensor(ws, 0));
            int b = withBias ? m.constant(OneOpModel.randomInts(rnd, new int[] {units}, -2000, 2000),
                    Quantization.perTensor(qi.scale(0) * ws, 0)) : -1;
            int out = m.output(DataType.INT8, qo, rows, units);
            m.op(BuiltinOperator.FULLY_CONNECTED, 4, OpOptions.fullyConnected(false), new int[] {in, w, b}, out);
            m.assertConforms(0, 0, 1);
        }
    }

    @Test
    void fullyConnectedRejectsAnInputWhoseDepthDoesNotMatchItsWeights() {
        for (boolean int8 : new boolean[] {false, true}) {
            Quantization q = int8 ? Quantization.perTensor(0.1f, 0) : Quantization.NONE;
            OneOpModel m = new OneOpModel("FC depth mismatch");
            int in = m.input(int8 ? randomInt8(rnd, new int[] {1, 4}, -128, 127)
                    : randomFloats(rnd, new int[] {1, 4}, -1f, 1f), q);
            int w = m.constant(randomInt8(rnd, new int[] {3, 4}, -127, 127), Quantization.perTensor(0.01f, 0));
            int out = m.output(int8 ? DataType.INT8 : DataType.FLOAT32, q, 1, 3);
            m.op(BuiltinOperator.FULLY_CONNECTED, int8 ? 4 : 5, OpOptions.fullyConnected(true), new int[] {in, w, -1},
                    out);
            try (Interpreter interpreter = Interpreters.create(m.model(), OneOpModel.JAVA)) {
                interpreter.resizeInput(0, new int[] {1, 5});
                assertThatThrownBy(interpreter::run).as(int8 ? "int8" : "float")
                        .hasMessageContaining("input [1, 5] does not match weights [3, 4]");
            }
        }
    }

    @Test
    void perChannelInt8FullyConnectedMatchesFloatReference() {
        for (int c = 0; c < CASES; c++) {
            int units = rnd.nextInt(1, 17);
            int depth = rnd.nextInt(1, 40);
            int rows = rnd.nextInt(1, 5);
            Tensor x = randomFloats(rnd, new int[] {rows, depth}, -3f, 3f);
            Tensor w = randomInt8(rnd, new int[] {units, depth}, -127, 127);
            float[] scales = new float[units];
            long[] zeros = new long[units];
            for (int o = 0; o < units; o++) {
                scales[o] = 0.001f + 0.05f * (float) rnd.nextDouble();
            }
            float[] bias = randomFloats(rnd, new int[] {units}, -1f, 1f).toFloatArray();
            OneOpModel m = new OneOpModel("per-channel FC");
            int in = m.input(x);
            int wt = m.constant(w, Quantization.perChannel(scales, zeros, 0));
            int b = m.constant(Tensor.ofFloats(new int[] {units}, bias), Quantization.NONE);
            int out = m.output(DataType.FLOAT32, Quantization.NONE, rows, units);
            m.op(BuiltinOperator.FULLY_CONNECTED, 1, OpOptions.fullyConnected(false), new int[] {in, wt, b}, out);
            float[] actual = m.run(OneOpModel.JAVA).toFloatArray();
            float[] xs = x.toFloatArray();
            byte[] ws = w.toByteArray();
            for (int r = 0; r < rows; r++) {
                float max = 0f;
                for (int k = 0; k < depth; k++) {
                    max = Math.max(max, Math.abs(xs[r * depth + k]));
                }
                for (int o = 0; o < units; o++) {
                    double exact = bias[o];
                    double bound = 1e-5;
                    for (int k = 0; k < depth; k++) {
                        exact += xs[r * depth + k] * ws[o * depth + k] * (double) scales[o];
                        bound += Math.abs(ws[o * depth + k] * scales[o]) * max / 127 / 2;
                    }
                    assertThat((double) actual[r * units + o]).as("row %s unit %s", r, o)
                            .isCloseTo(exact, org.assertj.core.data.Offset.offset(bound));
                }
            }
        }
    }

    @Test
    void floatBatchMatMulWithAdjointsAndBroadcastMatchesNative() {
        for (int c = 0; c < CASES; c++) {
            batchMatMul().assertConforms(1e-5, 1e-5, 0);
        }
    }

    /**
     * TensorFlow Lite 2.6.2's hybrid BATCH_MATMUL (float left operand, constant int8 right operand) returned
     * uninitialized memory in every shape probed here, so the Java backend is checked against a float reference.
     */
    @Test
    void hybridBatchMatMulMatchesFloatReference() {
        for (int c = 0; c < CASES; c++) {
            int batch = rnd.nextInt(1, 3);
            int m = rnd.nextInt(1, 6);
            int k = rnd.nextInt(1, 20);
            int n = rnd.nextInt(1, 7);
            boolean adjY = rnd.nextBoolean();
            float scale = 0.002f + 0.02f * (float) rnd.nextDouble();
            Tensor x = randomFloats(rnd, new int[] {batch, m, k}, -2f, 2f);
            Tensor y = randomInt8(rnd, adjY ? new int[] {n, k} : new int[] {k, n}, -127, 127);
            OneOpModel model = new OneOpModel("hybrid BATCH_MATMUL");
            int xi = model.input(x);
            int yi = model.constant(y, Quantization.perTensor(scale, 0));
            int out = model.output(DataType.FLOAT32, Quantization.NONE, batch, m, n);
            model.op(BuiltinOperator.BATCH_MATMUL, 4, OpOptions.batchMatMul(false, adjY), new int[] {xi, yi}, out);
            Tensor result = model.run(OneOpModel.JAVA);
            assertThat(result.shape()).containsExactly(batch, m, n);
            float[] actual = result.toFloatArray();
            float[] xs = x.toFloatArray();
            byte[] ys = y.toByteArray();
            for (int row = 0; row < batch * m; row++) {
                float max = 0f;
                for (int i = 0; i < k; i++) {
                    max = Math.max(max, Math.abs(xs[row * k + i]));
                }
                for (int col = 0; col < n; col++) {
                    double exact = 0;
                    double bound = 1e-5;
                    for (int i = 0; i < k; i++) {
                        double w = ys[adjY ? col * k + i : i * n + col] * (double) scale;
                        exact += xs[row * k + i] * w;
                        bound += Math.abs(w) * max / 127 / 2;
                    }
                    assertThat((double) actual[row * n + col]).isCloseTo(exact, org.assertj.core.data.Offset.offset(bound));
                }
            }
        }
    }

    private OneOpModel fullyConnected(boolean hybrid) {
        int units = rnd.nextInt(1, 17);
        int depth = rnd.nextInt(1, 40);
        boolean keep = rnd.nextBoolean();
        int[] inShape = keep ? new int[] {rnd.nextInt(1, 3), rnd.nextInt(1, 4), depth}
                : new int[] {rnd.nextInt(1, 4), depth * rnd.nextInt(1, 3)};
        if (!keep) {
            depth = inShape[1] / (inShape[1] / depth);
        }
        boolean withBias = rnd.nextBoolean();
        byte act = rnd.nextBoolean() ? ActivationFunctionType.NONE : ActivationFunctionType.RELU;
        OneOpModel m = new OneOpModel((hybrid ? "hybrid" : "float") + " FC " + Arrays.toString(inShape) + " units "
                + units + " keep " + keep + " bias " + withBias + " act " + act);
        int in = m.input(randomFloats(rnd, inShape, -2f, 2f));
        int w = hybrid
                ? m.constant(randomInt8(rnd, new int[] {units, depth}, -127, 127),
                        Quantization.perTensor(0.002f + 0.02f * (float) rnd.nextDouble(), 0))
                : m.constant(randomFloats(rnd, new int[] {units, depth}, -1f, 1f), Quantization.NONE);
        int b = withBias ? m.constant(randomFloats(rnd, new int[] {units}, -1f, 1f), Quantization.NONE) : -1;
        int out = m.output(DataType.FLOAT32, Quantization.NONE, 1, units);
        FullyConnectedOptionsT o = new FullyConnectedOptionsT();
        o.setKeepNumDims(keep);
        o.setFusedActivationFunction(act);
        BuiltinOptionsUnion u = new BuiltinOptionsUnion();
        u.setType(BuiltinOptions.FullyConnectedOptions);
        u.setValue(o);
        m.op(BuiltinOperator.FULLY_CONNECTED, hybrid ? 3 : 1, u, new int[] {in, w, b}, out);
        return m;
    }

    private OneOpModel batchMatMul() {
        int m = rnd.nextInt(1, 6);
        int k = rnd.nextInt(1, 20);
        int n = rnd.nextInt(1, 7);
        boolean adjX = rnd.nextBoolean();
        boolean adjY = rnd.nextBoolean();
        int[] batch = OneOpModel.randomShape(rnd, 0, 2, 3);
        int[] batchY = OneOpModel.broadcastPartner(rnd, batch);
        int[] sx = concat(batch, adjX ? new int[] {k, m} : new int[] {m, k});
        int[] sy = concat(batchY, adjY ? new int[] {n, k} : new int[] {k, n});
        OneOpModel model = new OneOpModel("float BATCH_MATMUL " + Arrays.toString(sx)
                + (adjX ? "ᵀ" : "") + " x " + Arrays.toString(sy) + (adjY ? "ᵀ" : ""));
        int x = model.input(randomFloats(rnd, sx, -2f, 2f));
        int y = model.input(randomFloats(rnd, sy, -2f, 2f));
        int out = model.output(DataType.FLOAT32, Quantization.NONE, 1);
        model.op(BuiltinOperator.BATCH_MATMUL, 1, OpOptions.batchMatMul(adjX, adjY), new int[] {x, y}, out);
        return model;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
