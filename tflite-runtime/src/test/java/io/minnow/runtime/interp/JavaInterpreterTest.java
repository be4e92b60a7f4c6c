package io.minnow.runtime.interp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.runtime.Backend;
import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.DataType;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.lm.ModelConvention;
import io.minnow.runtime.lm.RandomTransformer;
import io.minnow.runtime.lm.TransformerConfig;
import io.minnow.runtime.lm.TransformerExporter;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.testing.KvCacheDriver;
import io.minnow.runtime.testing.TestModels;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JavaInterpreterTest {
    private static final InterpreterOptions JAVA = InterpreterOptions.DEFAULT.withBackend(BackendChoice.JAVA);

    @Test
    void runsSignaturesOverTwoSubgraphsSharingAWeightBuffer() {
        TfliteModel model = TestModels.twoSubgraphModel();
        try (Interpreter in = Interpreters.create(model, JAVA)) {
            assertThat(in.backend()).isEqualTo(Backend.JAVA);
            assertThat(in.signatureKeys()).containsExactly("fc", "add");
            Tensor fc = in.runSignature("fc", Map.of("x", Tensor.ofFloats(new int[] {1, 2}, 1, 1))).get("y");
            assertThat(fc.toFloatArray()).containsExactly(11.5f, 23.5f);
            Tensor add = in.runSignature("add", Map.of("x", Tensor.ofFloats(new int[] {3, 2}, 1, 2, 3, 4, 5, 6)))
                    .get("y");
            assertThat(add.shape()).containsExactly(3, 2);
            assertThat(add.toFloatArray()).containsExactly(11, 22, 13, 24, 15, 26);
        }
    }

    @Test
    void runsMainSubgraphThroughIndexedInputs() {
        try (Interpreter in = Interpreters.create(TestModels.twoSubgraphModel(), JAVA)) {
            assertThat(in.inputs()).hasSize(1);
            assertThat(in.inputs().get(0).name()).isEqualTo("x");
            assertThat(in.inputs().get(0).dataType()).isEqualTo(DataType.FLOAT32);
            in.setInput(in.inputIndex("x"), Tensor.ofFloats(new int[] {1, 2}, 2, 0));
            in.run();
            assertThat(in.output(in.outputIndex("y")).toFloatArray()).containsExactly(11f, 23f);
        }
    }

    @Test
    void workerThreadsGiveExactlyTheSameLogitsAsOneThread() {
        TransformerConfig config = new TransformerConfig(200, 16, 64, 4, 1, 128);
        TfliteModel model = TfliteModel.fromBytes(
                TransformerExporter.export(RandomTransformer.weights(config, 9), ModelConvention.KV_CACHE));
        int[] tokens = {5, 17, 150, 3, 99, 120, 7, 64};
        try (Interpreter one = Interpreters.create(model, JAVA);
                Interpreter two = Interpreters.create(model, JAVA.withThreads(2))) {
            KvCacheDriver a = new KvCacheDriver(one, config.layers(), config.heads(), config.headDim());
            KvCacheDriver b = new KvCacheDriver(two, config.layers(), config.heads(), config.headDim());
            assertThat(b.step(tokens).toFloatArray()).containsExactly(a.step(tokens).toFloatArray());
            assertThat(b.step(42).toFloatArray()).containsExactly(a.step(42).toFloatArray());
        }
    }

    @Test
    void rejectsUseAfterClose() {
        Interpreter in = Interpreters.create(TestModels.twoSubgraphModel(), JAVA.withThreads(2));
        in.close();
        assertThatThrownBy(in::run).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void rejectsInputOfWrongShapeAndUnknownSignature() {
        try (Interpreter in = Interpreters.create(TestModels.twoSubgraphModel(), JAVA)) {
            assertThatThrownBy(() -> in.setInput(0, Tensor.ofFloats(new int[] {2, 2}, 1, 2, 3, 4)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resize");
            assertThatThrownBy(() -> in.runSignature("decode", Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decode");
        }
    }
}
