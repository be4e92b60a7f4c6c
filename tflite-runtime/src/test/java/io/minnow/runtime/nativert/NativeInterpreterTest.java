package io.minnow.runtime.nativert;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.testing.TestModels;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NativeInterpreterTest {

    @BeforeAll
    static void loadLibrary() {
        assertThat(NativeLibrary.load(Optional.empty()).available()).isTrue();
    }

    @Test
    void runsSignaturesOverTwoSubgraphs() {
        TfliteModel model = TestModels.twoSubgraphModel();
        try (NativeInterpreter in = new NativeInterpreter(model, InterpreterOptions.DEFAULT)) {
            assertThat(in.signatureKeys()).containsExactly("fc", "add");
            Tensor fc = in.runSignature("fc", Map.of("x", Tensor.ofFloats(new int[] {1, 2}, 1, 1))).get("y");
            assertThat(fc.toFloatArray()).containsExactly(11.5f, 23.5f);
            Tensor add = in.runSignature("add", Map.of("x", Tensor.ofFloats(new int[] {3, 2}, 1, 2, 3, 4, 5, 6)))
                    .get("y");
            assertThat(add.shape()).containsExactly(3, 2);
            assertThat(add.toFloatArray()).containsExactly(11, 22, 13, 24, 15, 26);
        }
    }
}
