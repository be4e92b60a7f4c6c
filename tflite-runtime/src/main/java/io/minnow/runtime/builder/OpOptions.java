package io.minnow.runtime.builder;

import org.tensorflow.lite.schema.AddOptionsT;
import org.tensorflow.lite.schema.ArgMaxOptionsT;
import org.tensorflow.lite.schema.BatchMatMulOptionsT;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.ConcatenationOptionsT;
import org.tensorflow.lite.schema.DivOptionsT;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.GatherOptionsT;
import org.tensorflow.lite.schema.GeluOptionsT;
import org.tensorflow.lite.schema.LogSoftmaxOptionsT;
import org.tensorflow.lite.schema.MulOptionsT;
import org.tensorflow.lite.schema.ReducerOptionsT;
import org.tensorflow.lite.schema.ReshapeOptionsT;
import org.tensorflow.lite.schema.SoftmaxOptionsT;
import org.tensorflow.lite.schema.StridedSliceOptionsT;
import org.tensorflow.lite.schema.SubOptionsT;
import org.tensorflow.lite.schema.TensorType;
import org.tensorflow.lite.schema.TransposeOptionsT;

/**
 * Builtin options for {@link GraphBuilder#op}: small factories over the schema's object API. Each call returns
 * a new, mutable union; do not share one between operators.
 */
public final class OpOptions {
    /** No builtin options. */
    public static final BuiltinOptionsUnion NONE = new BuiltinOptionsUnion();

    private OpOptions() {}

    private static BuiltinOptionsUnion of(byte type, Object value) {
        BuiltinOptionsUnion u = new BuiltinOptionsUnion();
        u.setType(type);
        u.setValue(value);
        return u;
    }

    /** FULLY_CONNECTED; {@code keepNumDims} keeps the input's leading dimensions instead of flattening them. */
    public static BuiltinOptionsUnion fullyConnected(boolean keepNumDims) {
        FullyConnectedOptionsT o = new FullyConnectedOptionsT();
        o.setKeepNumDims(keepNumDims);
        return of(BuiltinOptions.FullyConnectedOptions, o);
    }

    public static BuiltinOptionsUnion batchMatMul(boolean adjX, boolean adjY) {
        BatchMatMulOptionsT o = new BatchMatMulOptionsT();
        o.setAdjX(adjX);
        o.setAdjY(adjY);
        return of(BuiltinOptions.BatchMatMulOptions, o);
    }

    public static BuiltinOptionsUnion add() {
        return of(BuiltinOptions.AddOptions, new AddOptionsT());
    }

    public static BuiltinOptionsUnion sub() {
        return of(BuiltinOptions.SubOptions, new SubOptionsT());
    }

    public static BuiltinOptionsUnion mul() {
        return of(BuiltinOptions.MulOptions, new MulOptionsT());
    }

    public static BuiltinOptionsUnion div() {
        return of(BuiltinOptions.DivOptions, new DivOptionsT());
    }

    public static BuiltinOptionsUnion softmax(float beta) {
        SoftmaxOptionsT o = new SoftmaxOptionsT();
        o.setBeta(beta);
        return of(BuiltinOptions.SoftmaxOptions, o);
    }

    public static BuiltinOptionsUnion logSoftmax() {
        return of(BuiltinOptions.LogSoftmaxOptions, new LogSoftmaxOptionsT());
    }

    public static BuiltinOptionsUnion concatenation(int axis) {
        ConcatenationOptionsT o = new ConcatenationOptionsT();
        o.setAxis(axis);
        return of(BuiltinOptions.ConcatenationOptions, o);
    }

    /** MEAN, SUM and the other reductions; the axes are the operator's second input. */
    public static BuiltinOptionsUnion reducer(boolean keepDims) {
        ReducerOptionsT o = new ReducerOptionsT();
        o.setKeepDims(keepDims);
        return of(BuiltinOptions.ReducerOptions, o);
    }

    /** RESHAPE; the new shape is also given as the operator's second input, which interpreters prefer. */
    public static BuiltinOptionsUnion reshape(int... newShape) {
        ReshapeOptionsT o = new ReshapeOptionsT();
        o.setNewShape(newShape.clone());
        return of(BuiltinOptions.ReshapeOptions, o);
    }

    public static BuiltinOptionsUnion transpose() {
        return of(BuiltinOptions.TransposeOptions, new TransposeOptionsT());
    }

    public static BuiltinOptionsUnion gather(int axis, int batchDims) {
        GatherOptionsT o = new GatherOptionsT();
        o.setAxis(axis);
        o.setBatchDims(batchDims);
        return of(BuiltinOptions.GatherOptions, o);
    }

    public static BuiltinOptionsUnion stridedSlice(int beginMask, int endMask, int shrinkAxisMask) {
        StridedSliceOptionsT o = new StridedSliceOptionsT();
        o.setBeginMask(beginMask);
        o.setEndMask(endMask);
        o.setShrinkAxisMask(shrinkAxisMask);
        return of(BuiltinOptions.StridedSliceOptions, o);
    }

    public static BuiltinOptionsUnion argMax(io.minnow.runtime.DataType outputType) {
        ArgMaxOptionsT o = new ArgMaxOptionsT();
        o.setOutputType(outputType == io.minnow.runtime.DataType.INT64 ? TensorType.INT64 : TensorType.INT32);
        return of(BuiltinOptions.ArgMaxOptions, o);
    }

    public static BuiltinOptionsUnion gelu(boolean approximate) {
        GeluOptionsT o = new GeluOptionsT();
        o.setApproximate(approximate);
        return of(BuiltinOptions.GeluOptions, o);
    }
}
