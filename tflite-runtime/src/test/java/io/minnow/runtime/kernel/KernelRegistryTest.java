package io.minnow.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.model.SupportedOps;
import io.minnow.runtime.model.UnsupportedModelException;
import org.junit.jupiter.api.Test;
import org.tensorflow.lite.schema.BuiltinOperator;
import org.tensorflow.lite.schema.BuiltinOptions;
import org.tensorflow.lite.schema.BuiltinOptionsUnion;
import org.tensorflow.lite.schema.FullyConnectedOptionsT;
import org.tensorflow.lite.schema.StridedSliceOptionsT;

class KernelRegistryTest {

    @Test
    void everySupportedOperatorHasAKernel() {
        assertThat(KernelRegistry.builtinCodes()).containsAll(SupportedOps.builtinCodes());
    }

    @Test
    void rejectsAsymmetricHybridInputsWhenTheInterpreterIsBuilt() {
        OneOpModel m = new OneOpModel("asymmetric FC");
        int in = m.input(Tensor.ofFloats(new int[] {1, 2}, 1, 2));
        int w = m.constant(Tensor.ofBytes(DataType.INT8, new int[] {1, 2}, (byte) 1, (byte) 2),
                Quantization.perTensor(0.5f, 0));
        int out = m.output(DataType.FLOAT32, Quantization.NONE, 1, 1);
        FullyConnectedOptionsT o = new FullyConnectedOptionsT();
        o.setAsymmetricQuantizeInputs(true);
        m.op(BuiltinOperator.FULLY_CONNECTED, 9, union(BuiltinOptions.FullyConnectedOptions, o),
                new int[] {in, w, -1}, out);
        assertThatThrownBy(() -> Interpreters.create(m.model(), OneOpModel.JAVA))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("FULLY_CONNECTED operator #0 version 9")
                .hasMessageContaining("asymmetric");
    }

    @Test
    void rejectsStridedSliceEllipsisMaskWhenTheInterpreterIsBuilt() {
        OneOpModel m = new OneOpModel("ellipsis");
        int in = m.input(Tensor.ofFloats(new int[] {2, 2}, 1, 2, 3, 4));
        int b = m.constant(Tensor.ofInts(new int[] {2}, 0, 0), Quantization.NONE);
        int out = m.output(DataType.FLOAT32, Quantization.NONE, 2, 2);
        StridedSliceOptionsT o = new StridedSliceOptionsT();
        o.setEllipsisMask(1);
        m.op(BuiltinOperator.STRIDED_SLICE, 1, union(BuiltinOptions.StridedSliceOptions, o), new int[] {in, b, b, b},
                out);
        assertThatThrownBy(() -> Interpreters.create(m.model(), OneOpModel.JAVA))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("STRIDED_SLICE operator #0")
                .hasMessageContaining("ellipsis");
    }

    @Test
    void gatherIndexOutOfRangeIsAClearError() {
        OneOpModel m = new OneOpModel("gather");
        int params = m.constant(Tensor.ofFloats(new int[] {3}, 1, 2, 3), Quantization.NONE);
        int idx = m.input(Tensor.ofInts(new int[] {1}, 7));
        int out = m.output(DataType.FLOAT32, Quantization.NONE, 1);
        m.op(BuiltinOperator.GATHER, 1, io.minnow.runtime.builder.OpOptions.gather(0, 0), new int[] {params, idx}, out);
        assertThatThrownBy(() -> m.run(OneOpModel.JAVA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("GATHER operator #0")
                .hasMessageContaining("index 7 is out of range [0, 3)");
    }

    private static BuiltinOptionsUnion union(byte type, Object value) {
        BuiltinOptionsUnion u = new BuiltinOptionsUnion();
        u.setType(type);
        u.setValue(value);
        return u;
    }
}
