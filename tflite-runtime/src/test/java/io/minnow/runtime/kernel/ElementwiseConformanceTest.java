package io.minnow.runtime.kernel;

import static io.minnow.runtime.kernel.OneOpModel.broadcastPartner;
import static io.minnow.runtime.kernel.OneOpModel.randomFloats;
import static io.minnow.runtime.kernel.OneOpModel.randomInt8;
import static io.minnow.runtime.kernel.OneOpModel.randomInts;
import static io.minnow.runtime.kernel.OneOpModel.randomShape;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.builder.OpOptions;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.ActivationFunctionType;
import org.tensorflow.lite.schema.AddOptionsT;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.MulOptionsT;

/**
 * Element-wise operators on randomized shapes (ranks 0-4, NumPy broadcasting either way round), values and
 * attributes, checked against the native interpreter. Float tolerance: 1e-6 absolute + 1e-5 relative (one or
 * two float roundings; transcendental functions 1e-5 absolute). Integers and booleans exact; quantized int8
 * within one step (TensorFlow Lite rescales in fixed point, Minnow in float).
 */
class ElementwiseConformanceTest {
    private static final int CASES = 6;
    private final SplittableRandom rnd = new SplittableRandom(42);

    @Test
    void floatArithmeticBroadcastsLikeNative() {
        int[] ops = {BuiltinOperator.ADD, BuiltinOperator.SUB, BuiltinOperator.MUL, BuiltinOperator.DIV,
                BuiltinOperator.SQUARED_DIFFERENCE, BuiltinOperator.MAXIMUM, BuiltinOperator.MINIMUM,
                BuiltinOperator.POW};
        for (int code : ops) {
            for (int c = 0; c < CASES; c++) {
                int[] sa = randomShape(rnd, 0, 4, 4);
                int[] sb = broadcastPartner(rnd, sa);
                if (rnd.nextBoolean()) {
                    int[] t = sa;
                    sa = sb;
                    sb = t;
                }
                boolean pow = code == BuiltinOperator.POW;
                Tensor a = pow ? randomFloats(rnd, sa, 0.1f, 3f) : randomFloats(rnd, sa, -2f, 2f);
                Tensor b = code == BuiltinOperator.DIV ? awayFromZero(randomFloats(rnd, sb, 0.5f, 2f))
                        : randomFloats(rnd, sb, -2f, 2f);
                binary(code, options(code, ActivationFunctionType.NONE), a, b, DataType.FLOAT32, Quantization.NONE)
                        .assertConforms(1e-6, pow ? 1e-4 : 1e-5, 0);
            }
        }
    }

    @Test
    void fusedActivationsMatchNative() {
        byte[] activations = {ActivationFunctionType.RELU, ActivationFunctionType.RELU6,
                ActivationFunctionType.RELU_N1_TO_1};
        for (int code : new int[] {BuiltinOperator.ADD, BuiltinOperator.MUL}) {
            for (byte act : activations) {
                int[] s = randomShape(rnd, 1, 4, 5);
                binary(code, options(code, act), randomFloats(rnd, s, -8f, 8f),
                        randomFloats(rnd, broadcastPartner(rnd, s), -2f, 2f), DataType.FLOAT32, Quantization.NONE)
                        .assertConforms(1e-6, 1e-5, 0);
            }
        }
    }

    @Test
    void int32ArithmeticMatchesNative() {
        for (int code : new int[] {BuiltinOperator.ADD, BuiltinOperator.SUB, BuiltinOperator.MUL,
                BuiltinOperator.MAXIMUM, BuiltinOperator.MINIMUM}) {
            for (int c = 0; c < CASES; c++) {
                int[] s = randomShape(rnd, 1, 4, 4);
                binary(code, options(code, ActivationFunctionType.NONE), randomInts(rnd, s, -1000, 1000),
                        randomInts(rnd, broadcastPartner(rnd, s), -1000, 1000), DataType.INT32, Quantization.NONE)
                        .assertConforms(0, 0, 0);
            }
        }
    }

    @Test
    void comparisonsGiveNativeBooleans() {
        int[] ops = {BuiltinOperator.LESS, BuiltinOperator.GREATER, BuiltinOperator.LESS_EQUAL,
                BuiltinOperator.GREATER_EQUAL, BuiltinOperator.EQUAL, BuiltinOperator.NOT_EQUAL};
        for (int code : ops) {
            for (int c = 0; c < CASES; c++) {
                int[] s = randomShape(rnd, 1, 4, 4);
                int[] sb = broadcastPartner(rnd, s);
                // Small integers (as float or int32) so that equality actually occurs.
                boolean floats = rnd.nextBoolean();
                Tensor a = floats ? integral(randomInts(rnd, s, -2, 3)) : randomInts(rnd, s, -2, 3);
                Tensor b = floats ? integral(randomInts(rnd, sb, -2, 3)) : randomInts(rnd, sb, -2, 3);
                binary(code, OpOptions.NONE, a, b, DataType.BOOL, Quantization.NONE).assertConforms(0, 0, 0);
            }
        }
    }

    @Test
    void quantizedInt8ArithmeticWithinOneStep() {
        for (int code : new int[] {BuiltinOperator.ADD, BuiltinOperator.SUB, BuiltinOperator.MUL}) {
            for (int c = 0; c < CASES; c++) {
                int[] s = randomShape(rnd, 1, 4, 4);
                int[] sb = rnd.nextBoolean() ? s : broadcastPartner(rnd, s);
                Quantization qa = Quantization.perTensor(0.01f + 0.05f * (float) rnd.nextDouble(), rnd.nextInt(-10, 10));
                Quantization qb = Quantization.perTensor(0.01f + 0.05f * (float) rnd.nextDouble(), rnd.nextInt(-10, 10));
                Quantization qo = Quantization.perTensor(0.02f + 0.1f * (float) rnd.nextDouble(), rnd.nextInt(-5, 5));
                OneOpModel m = new OneOpModel(BuiltinOperator.name(code) + " int8 " + Arrays.toString(s) + " "
                        + Arrays.toString(sb));
                int a = m.input(randomInt8(rnd, s, -128, 127), qa);
                int b = m.input(randomInt8(rnd, sb, -128, 127), qb);
                int out = m.output(DataType.INT8, qo, 1);
                m.op(code, 2, options(code, ActivationFunctionType.NONE), new int[] {a, b}, out);
                m.assertConforms(0, 0, 1);
            }
        }
    }

    @Test
    void floatFunctionsMatchNative() {
        int[] ops = {BuiltinOperator.RSQRT, BuiltinOperator.SQRT, BuiltinOperator.EXP, BuiltinOperator.TANH,
                BuiltinOperator.LOGISTIC, BuiltinOperator.NEG};
        for (int code : ops) {
            for (int c = 0; c < CASES; c++) {
                int[] s = randomShape(rnd, 0, 4, 6);
                boolean positive = code == BuiltinOperator.RSQRT || code == BuiltinOperator.SQRT;
                Tensor x = positive ? randomFloats(rnd, s, 0.01f, 10f) : randomFloats(rnd, s, -6f, 6f);
                OneOpModel m = new OneOpModel(BuiltinOperator.name(code) + " " + Arrays.toString(s));
                int in = m.input(x);
                int out = m.output(DataType.FLOAT32, Quantization.NONE, s);
                m.op(code, 1, OpOptions.NONE, new int[] {in}, out);
                m.assertConforms(1e-5, 1e-5, 0);
            }
        }
    }

    private static OneOpModel binary(int code, BuiltinOptionsUnion options, Tensor a, Tensor b, DataType outType,
            Quantization outQ) {
        OneOpModel m = new OneOpModel(BuiltinOperator.name(code) + " " + a + " " + b);
        int ia = m.input(a);
        int ib = m.input(b);
        int out = m.output(outType, outQ, 1);
        m.op(code, 1, options, new int[] {ia, ib}, out);
        return m;
    }

    private static BuiltinOptionsUnion options(int code, byte activation) {
        BuiltinOptionsUnion u = new BuiltinOptionsUnion();
        if (code == BuiltinOperator.ADD) {
            AddOptionsT o = new AddOptionsT();
            o.setFusedActivationFunction(activation);
            u.setType(BuiltinOptions.AddOptions);
            u.setValue(o);
        } else if (code == BuiltinOperator.MUL) {
            MulOptionsT o = new MulOptionsT();
            o.setFusedActivationFunction(activation);
            u.setType(BuiltinOptions.MulOptions);
            u.setValue(o);
        } else if (code == BuiltinOperator.SUB) {
            return OpOptions.sub();
        } else if (code == BuiltinOperator.DIV) {
            return OpOptions.div();
        }
        return u;
    }

    private Tensor awayFromZero(Tensor t) {
        float[] v = t.toFloatArray();
        for (int k = 0; k < v.length; k++) {
            v[k] = rnd.nextBoolean() ? v[k] : -v[k];
        }
        return Tensor.ofFloats(t.shape(), v);
    }

    private static Tensor integral(Tensor ints) {
        int[] v = ints.toIntArray();
        float[] f = new float[v.length];
        for (int k = 0; k < v.length; k++) {
            f[k] = v[k];
        }
        return Tensor.ofFloats(ints.shape(), f);
    }
}
