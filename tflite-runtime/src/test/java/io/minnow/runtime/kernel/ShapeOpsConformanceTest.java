package io.minnow.runtime.kernel;

import static io.minnow.runtime.kernel.OneOpModel.randomFloats;
import static io.minnow.runtime.kernel.OneOpModel.randomInt8;
import static io.minnow.runtime.kernel.OneOpModel.randomInts;
import static io.minnow.runtime.kernel.OneOpModel.randomShape;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.builder.OpOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.CastOptionsT;
import org.tensorflow.lite.schema.SqueezeOptionsT;
import org.tensorflow.lite.schema.TensorType;

/**
 * Operators that move data — RESHAPE, SQUEEZE, EXPAND_DIMS, TRANSPOSE, CONCATENATION, SLICE, STRIDED_SLICE,
 * GATHER, EMBEDDING_LOOKUP, CAST, SELECT_V2 — on randomized shapes and attributes against the native
 * interpreter. Values must match exactly: nothing is computed.
 */
class ShapeOpsConformanceTest {
    private static final int CASES = 8;
    private final SplittableRandom rnd = new SplittableRandom(99);

    @Test
    void reshapeSqueezeAndExpandDimsMatchNative() {
        for (int c = 0; c < CASES; c++) {
            int[] s = randomShape(rnd, 1, 4, 4);
            int n = OneOpModel.count(s);
            int[] target = {-1, s[s.length - 1]};
            OneOpModel m = new OneOpModel("RESHAPE " + Arrays.toString(s));
            int in = m.input(randomFloats(rnd, s, -1f, 1f));
            int shape = m.constant(Tensor.ofInts(new int[] {2}, target), Quantization.NONE);
            int out = m.output(DataType.FLOAT32, Quantization.NONE, n / s[s.length - 1], s[s.length - 1]);
            m.op(BuiltinOperator.RESHAPE, 1, OpOptions.reshape(target), new int[] {in, shape}, out).assertConforms(0, 0, 0);

            int[] withOnes = {1, s[0], 1};
            OneOpModel sq = new OneOpModel("SQUEEZE " + Arrays.toString(withOnes));
            int sin = sq.input(randomInts(rnd, withOnes, -9, 9));
            int sout = sq.output(DataType.INT32, Quantization.NONE, s[0]);
            SqueezeOptionsT so = new SqueezeOptionsT();
            so.setSqueezeDims(rnd.nextBoolean() ? new int[0] : new int[] {0, -1});
            sq.op(BuiltinOperator.SQUEEZE, 1, union(BuiltinOptions.SqueezeOptions, so), new int[] {sin}, sout)
                    .assertConforms(0, 0, 0);

            int axis = rnd.nextInt(-s.length - 1, s.length + 1);
            OneOpModel ex = new OneOpModel("EXPAND_DIMS " + Arrays.toString(s) + " axis " + axis);
            int ein = ex.input(randomFloats(rnd, s, -1f, 1f));
            int eaxis = ex.constant(Tensor.ofInts(new int[] {1}, axis), Quantization.NONE);
            int eout = ex.output(DataType.FLOAT32, Quantization.NONE, 1);
            ex.op(BuiltinOperator.EXPAND_DIMS, 1, OpOptions.NONE, new int[] {ein, eaxis}, eout).assertConforms(0, 0, 0);
        }
    }

    @Test
    void transposeByRandomPermutationMatchesNative() {
        for (int c = 0; c < CASES; c++) {
            int[] s = randomShape(rnd, 1, 5, 4);
            List<Integer> perm = new ArrayList<>();
            for (int k = 0; k < s.length; k++) {
                perm.add(k);
            }
            java.util.Collections.shuffle(perm, new java.util.Random(rnd.nextLong()));
            int[] p = perm.stream().mapToInt(Integer::intValue).toArray();
            OneOpModel m = new OneOpModel("TRANSPOSE " + Arrays.toString(s) + " by " + Arrays.toString(p));
            int in = m.input(randomInt8(rnd, s, -128, 127), Quantization.perTensor(0.5f, 0));
            int pt = m.constant(Tensor.ofInts(new int[] {p.length}, p), Quantization.NONE);
            int out = m.output(DataType.INT8, Quantization.perTensor(0.5f, 0), 1);
            m.op(BuiltinOperator.TRANSPOSE, 1, OpOptions.transpose(), new int[] {in, pt}, out).assertConforms(0, 0, 0);
        }
    }

    @Test
    void concatenationAlongRandomAxisMatchesNative() {
        for (int c = 0; c < CASES; c++) {
            int[] s = randomShape(rnd, 1, 4, 4);
            int axis = rnd.nextInt(-s.length, s.length);
            int a = axis < 0 ? axis + s.length : axis;
            OneOpModel m = new OneOpModel("CONCATENATION " + Arrays.toString(s) + " axis " + axis);
            int count = rnd.nextInt(1, 4);
            int[] inputs = new int[count];
            for (int k = 0; k < count; k++) {
                int[] sk = s.clone();
                sk[a] = rnd.nextInt(1, 4);
                inputs[k] = m.input(randomFloats(rnd, sk, -1f, 1f));
            }
            int out = m.output(DataType.FLOAT32, Quantization.NONE, 1);
            m.op(BuiltinOperator.CONCATENATION, 1, OpOptions.concatenation(axis), inputs, out).assertConforms(0, 0, 0);
        }
    }

    @Test
    void sliceAndStridedSliceMatchNative() {
        for (int c = 0; c < CASES * 2; c++) {
            int[] s = randomShape(rnd, 1, 4, 6);
            int r = s.length;
            int[] begin = new int[r];
            int[] size = new int[r];
            for (int d = 0; d < r; d++) {
                begin[d] = rnd.nextInt(0, s[d]);
                // TensorFlow Lite 2.6.2 cannot allocate zero-length outputs, so every slice keeps an element.
                size[d] = rnd.nextInt(4) == 0 ? -1 : rnd.nextInt(1, s[d] - begin[d] + 1);
            }
            OneOpModel m = new OneOpModel("SLICE " + Arrays.toString(s) + " begin " + Arrays.toString(begin)
                    + " size " + Arrays.toString(size));
            int in = m.input(randomFloats(rnd, s, -1f, 1f));
            int b = m.constant(Tensor.ofInts(new int[] {r}, begin), Quantization.NONE);
            int z = m.constant(Tensor.ofInts(new int[] {r}, size), Quantization.NONE);
            int out = m.output(DataType.FLOAT32, Quantization.NONE, 1);
            m.op(BuiltinOperator.SLICE, 1, OpOptions.NONE, new int[] {in, b, z}, out).assertConforms(0, 0, 0);

            int[] sb = new int[r];
            int[] se = new int[r];
            int[] st = new int[r];
            int beginMask = rnd.nextInt(1 << r);
            int endMask = rnd.nextInt(1 << r);
            int shrink = rnd.nextInt(3) == 0 ? 1 << rnd.nextInt(r) : 0;
            for (int d = 0; d < r; d++) {
                // Non-empty on every axis (see above); indices written as negative half of the time.
                boolean up = s[d] == 1 || rnd.nextBoolean();
                int from = up ? rnd.nextInt(0, s[d]) : rnd.nextInt(1, s[d]);
                int to = up ? rnd.nextInt(from + 1, s[d] + 1) : rnd.nextInt(0, from);
                st[d] = (up ? 1 : -1) * rnd.nextInt(1, 3);
                sb[d] = rnd.nextBoolean() ? from : from - s[d];
                se[d] = rnd.nextBoolean() || to == s[d] ? to : to - s[d];
                if (!up && (endMask & (1 << d)) == 0 && (beginMask & (1 << d)) != 0) {
                    beginMask &= ~(1 << d);
                }
                if ((shrink & (1 << d)) != 0) {
                    st[d] = 1;
                    sb[d] = from;
                    se[d] = from + 1;
                    beginMask &= ~(1 << d);
                    endMask &= ~(1 << d);
                }
            }
            OneOpModel ss = new OneOpModel("STRIDED_SLICE " + Arrays.toString(s) + " begin " + Arrays.toString(sb)
                    + " end " + Arrays.toString(se) + " strides " + Arrays.toString(st) + " masks " + beginMask + "/"
                    + endMask + "/" + shrink);
            int sin = ss.input(randomInts(rnd, s, -50, 50));
            int bt = ss.constant(Tensor.ofInts(new int[] {r}, sb), Quantization.NONE);
            int et = ss.constant(Tensor.ofInts(new int[] {r}, se), Quantization.NONE);
            int stt = ss.constant(Tensor.ofInts(new int[] {r}, st), Quantization.NONE);
            int sout = ss.output(DataType.INT32, Quantization.NONE, 1);
            ss.op(BuiltinOperator.STRIDED_SLICE, 1, OpOptions.stridedSlice(beginMask, endMask, shrink),
                    new int[] {sin, bt, et, stt}, sout).assertConforms(0, 0, 0);
        }
    }

    @Test
    void gatherAndEmbeddingLookupMatchNative() {
        for (int c = 0; c < CASES; c++) {
            int[] ps = randomShape(rnd, 1, 3, 5);
            int axis = rnd.nextInt(ps.length);
            int[] is = randomShape(rnd, 1, 2, 4);
            boolean int8 = rnd.nextBoolean();
            Quantization q = int8 ? Quantization.perTensor(0.1f, 3) : Quantization.NONE;
            OneOpModel m = new OneOpModel("GATHER " + Arrays.toString(ps) + " axis " + axis + " indices "
                    + Arrays.toString(is) + (int8 ? " int8" : ""));
            int params = m.constant(int8 ? randomInt8(rnd, ps, -128, 127) : randomFloats(rnd, ps, -1f, 1f), q);
            int idx = m.input(randomInts(rnd, is, 0, ps[axis]));
            int out = m.output(int8 ? DataType.INT8 : DataType.FLOAT32, q, 1);
            m.op(BuiltinOperator.GATHER, 1, OpOptions.gather(axis, 0), new int[] {params, idx}, out)
                    .assertConforms(0, 0, 0);

            int rows = rnd.nextInt(1, 9);
            int width = rnd.nextInt(1, 6);
            int ids = rnd.nextInt(1, 5);
            OneOpModel e = new OneOpModel("EMBEDDING_LOOKUP " + rows + "x" + width + (int8 ? " int8 table" : ""));
            int eids = e.input(randomInts(rnd, new int[] {ids}, 0, rows));
            int table = e.constant(int8 ? randomInt8(rnd, new int[] {rows, width}, -127, 127)
                    : randomFloats(rnd, new int[] {rows, width}, -1f, 1f),
                    int8 ? Quantization.perTensor(0.05f, 0) : Quantization.NONE);
            int eout = e.output(DataType.FLOAT32, Quantization.NONE, ids, width);
            e.op(BuiltinOperator.EMBEDDING_LOOKUP, 1, OpOptions.NONE, new int[] {eids, table}, eout)
                    .assertConforms(1e-7, 1e-6, 0);
        }
    }

    @Test
    void castAndSelectV2MatchNative() {
        DataType[] types = {DataType.FLOAT32, DataType.INT32, DataType.INT64, DataType.BOOL};
        for (int c = 0; c < CASES; c++) {
            int[] s = randomShape(rnd, 1, 3, 4);
            DataType to = types[rnd.nextInt(types.length)];
            OneOpModel m = new OneOpModel("CAST float32 to " + to);
            int in = m.input(randomFloats(rnd, s, -3f, 3f));
            int out = m.output(to, Quantization.NONE, s);
            CastOptionsT o = new CastOptionsT();
            o.setInDataType(TensorType.FLOAT32);
            m.op(BuiltinOperator.CAST, 1, union(BuiltinOptions.CastOptions, o), new int[] {in}, out)
                    .assertConforms(0, 0, 0);

            OneOpModel only = new OneOpModel("SELECT_V2 " + Arrays.toString(s));
            int oc = only.input(Tensor.ofBytes(DataType.BOOL, s, randomBools(OneOpModel.count(s))));
            int ox = only.input(randomFloats(rnd, s, -1f, 1f));
            int oy = only.input(randomFloats(rnd, OneOpModel.broadcastPartner(rnd, s), -1f, 1f));
            int oo = only.output(DataType.FLOAT32, Quantization.NONE, 1);
            only.op(BuiltinOperator.SELECT_V2, 1, OpOptions.NONE, new int[] {oc, ox, oy}, oo).assertConforms(0, 0, 0);
        }
    }

    private byte[] randomBools(int n) {
        byte[] b = new byte[n];
        for (int k = 0; k < n; k++) {
            b[k] = (byte) (rnd.nextBoolean() ? 1 : 0);
        }
        return b;
    }

    private static BuiltinOptionsUnion union(byte type, Object value) {
        BuiltinOptionsUnion u = new BuiltinOptionsUnion();
        u.setType(type);
        u.setValue(value);
        return u;
    }
}
