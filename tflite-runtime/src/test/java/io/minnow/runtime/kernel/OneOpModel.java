package io.minnow.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.DataType;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.builder.GraphBuilder;
import io.minnow.runtime.builder.ModelBuilder;
import io.minnow.runtime.model.TfliteModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;

/**
 * A model around one operator, for conformance tests: run-time inputs fed with given values, constants, and
 * outputs compared between the native interpreter (the judge) and the Java backend.
 */
final class OneOpModel {
    static final InterpreterOptions NATIVE = InterpreterOptions.DEFAULT.withBackend(BackendChoice.NATIVE);
    static final InterpreterOptions JAVA = InterpreterOptions.DEFAULT.withBackend(BackendChoice.JAVA);

    private final ModelBuilder mb = new ModelBuilder("one op");
    private final GraphBuilder g = mb.addSubgraph("main");
    private final List<Tensor> feeds = new ArrayList<>();
    private final String description;
    private int constants;

    OneOpModel(String description) {
        this.description = description;
    }

    int input(Tensor value) {
        return input(value, Quantization.NONE);
    }

    int input(Tensor value, Quantization q) {
        feeds.add(value);
        return g.input("in" + feeds.size(), value.dataType(), q, value.shape());
    }

    int constant(Tensor value, Quantization q) {
        return g.constant("const" + ++constants, value.dataType(),
                value.shape(), mb.addBuffer(value.toByteArray()), q);
    }

    int output(DataType type, Quantization q, int... shape) {
        int t = g.tensor("out", type, q, shape);
        g.output(t);
        return t;
    }

    OneOpModel op(int code, int version, BuiltinOptionsUnion options, int[] inputs, int... outputs) {
        g.op(code, version, options, inputs, outputs);
        return this;
    }

    TfliteModel model() {
        return TfliteModel.fromBytes(mb.toBytes());
    }

    Tensor run(InterpreterOptions options) {
        try (Interpreter in = Interpreters.create(model(), options)) {
            for (int k = 0; k < feeds.size(); k++) {
                in.resizeInput(k, feeds.get(k).shape());
                in.setInput(k, feeds.get(k));
            }
            in.run();
            return in.output(0);
        }
    }

    /** Runs on both backends and checks shape and values: floats within abs + rel·|expected|, int8 within lsb. */
    Tensor assertConforms(double abs, double rel, int int8Lsb) {
        Tensor expected = run(NATIVE);
        Tensor actual = run(JAVA);
        assertThat(actual.dataType()).as(description).isEqualTo(expected.dataType());
        assertThat(actual.shape()).as(description).containsExactly(expected.shape());
        assertValues(actual, expected, abs, rel, int8Lsb, description);
        return expected;
    }

    static void assertValues(Tensor actual, Tensor expected, double abs, double rel, int int8Lsb, String what) {
        switch (expected.dataType()) {
            case FLOAT32 -> {
                float[] a = actual.toFloatArray();
                float[] e = expected.toFloatArray();
                for (int k = 0; k < e.length; k++) {
                    double tol = abs + rel * Math.abs(e[k]);
                    if (!(Math.abs(a[k] - e[k]) <= tol) && !(Float.isNaN(a[k]) && Float.isNaN(e[k]))
                            && !(Float.isInfinite(e[k]) && a[k] == e[k])) {
                        throw new AssertionError(what + ": element " + k + " is " + a[k] + ", expected " + e[k]
                                + " within " + tol);
                    }
                }
            }
            case INT8 -> {
                byte[] a = actual.toByteArray();
                byte[] e = expected.toByteArray();
                for (int k = 0; k < e.length; k++) {
                    if (Math.abs(a[k] - e[k]) > int8Lsb) {
                        throw new AssertionError(what + ": int8 element " + k + " is " + a[k] + ", expected " + e[k]);
                    }
                }
            }
            default -> assertThat(actual.toByteArray()).as(what).containsExactly(expected.toByteArray());
        }
    }

    static Tensor randomFloats(SplittableRandom rnd, int[] shape, float lo, float hi) {
        float[] v = new float[count(shape)];
        for (int k = 0; k < v.length; k++) {
            v[k] = lo + (hi - lo) * (float) rnd.nextDouble();
        }
        return Tensor.ofFloats(shape, v);
    }

    static Tensor randomInts(SplittableRandom rnd, int[] shape, int lo, int hi) {
        int[] v = new int[count(shape)];
        for (int k = 0; k < v.length; k++) {
            v[k] = rnd.nextInt(lo, hi);
        }
        return Tensor.ofInts(shape, v);
    }

    static Tensor randomInt8(SplittableRandom rnd, int[] shape, int lo, int hi) {
        byte[] v = new byte[count(shape)];
        for (int k = 0; k < v.length; k++) {
            v[k] = (byte) rnd.nextInt(lo, hi + 1);
        }
        return Tensor.ofBytes(DataType.INT8, shape, v);
    }

    static int[] randomShape(SplittableRandom rnd, int minRank, int maxRank, int maxDim) {
        int[] s = new int[rnd.nextInt(minRank, maxRank + 1)];
        for (int k = 0; k < s.length; k++) {
            s[k] = rnd.nextInt(1, maxDim + 1);
        }
        return s;
    }

    /** A shape that broadcasts against {@code s}: some dimensions set to 1, maybe fewer leading dimensions. */
    static int[] broadcastPartner(SplittableRandom rnd, int[] s) {
        int drop = rnd.nextInt(s.length + 1);
        if (drop == s.length && rnd.nextBoolean()) {
            drop = 0;
        }
        int[] b = Arrays.copyOfRange(s, drop, s.length);
        for (int k = 0; k < b.length; k++) {
            if (rnd.nextInt(3) == 0) {
                b[k] = 1;
            }
        }
        return b;
    }

    static int count(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
