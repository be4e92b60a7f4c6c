package io.minnow.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.runtime.Backend;
import io.minnow.runtime.DataType;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.Tensor;
import io.minnow.runtime.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Window bookkeeping against a stand-in whose logits at position t are one-hot on {@code tokens[t] + t}. */
class WindowLmTest {
    private static final int CONTEXT = 6;
    private static final int VOCAB = 32;

    private static final class WindowStandIn implements Interpreter {
        final List<int[]> windows = new ArrayList<>();
        private int[] tokens;

        @Override
        public Backend backend() {
            return Backend.JAVA;
        }

        @Override
        public List<TensorInfo> inputs() {
            return List.of(new TensorInfo("tokens", 0, DataType.INT32, new int[] {1, CONTEXT}, Quantization.NONE));
        }

        @Override
        public List<TensorInfo> outputs() {
            return List.of(new TensorInfo("logits", 1, DataType.FLOAT32, new int[] {1, CONTEXT, VOCAB}, Quantization.NONE));
        }

        @Override
        public int inputIndex(String name) {
            if (!name.equals("tokens")) {
                throw new IllegalArgumentException("no input " + name);
            }
            return 0;
        }

        @Override
        public int outputIndex(String name) {
            if (!name.equals("logits")) {
                throw new IllegalArgumentException("no output " + name);
            }
            return 0;
        }

        @Override
        public List<String> signatureKeys() {
            return List.of();
        }

        @Override
        public Map<String, Tensor> runSignature(String signatureKey, Map<String, Tensor> inputs) {
            throw new UnsupportedOperationException("window models have no signatures");
        }

        @Override
        public void resizeInput(int inputIndex, int[] shape) {
            throw new UnsupportedOperationException("the window is fixed");
        }

        @Override
        public void setInput(int inputIndex, Tensor value) {
            tokens = value.toIntArray();
        }

        @Override
        public void run() {
            windows.add(tokens.clone());
        }

        @Override
        public Tensor output(int outputIndex) {
            float[] logits = new float[CONTEXT * VOCAB];
            for (int t = 0; t < CONTEXT; t++) {
                logits[t * VOCAB + (tokens[t] + t) % VOCAB] = 1f;
            }
            return Tensor.ofFloats(new int[] {1, CONTEXT, VOCAB}, logits);
        }

        @Override
        public void close() {
        }
    }

    private final WindowStandIn model = new WindowStandIn();
    private final WindowLm lm = new WindowLm(model, CONTEXT, VOCAB);

    @Test
    void runsTheWholePaddedWindowAndReadsTheLastRealPosition() {
        float[] logits = lm.append(new int[] {3, 4});
        assertThat(model.windows.get(0)).containsExactly(3, 4, 0, 0, 0, 0);
        assertThat(Sampler.argmax(logits)).isEqualTo(4 + 1);
        logits = lm.append(new int[] {9});
        assertThat(model.windows.get(1)).containsExactly(3, 4, 9, 0, 0, 0);
        assertThat(Sampler.argmax(logits)).isEqualTo(9 + 2);
    }

    @Test
    void truncationClearsTheDroppedTokensFromTheNextWindow() {
        lm.append(new int[] {3, 4, 5});
        lm.truncate(1);
        lm.append(new int[] {7});
        assertThat(model.windows.get(1)).containsExactly(3, 7, 0, 0, 0, 0);
    }

    @Test
    void offersNoSnapshotBecauseNothingWouldBeSaved() {
        lm.append(new int[] {1});
        assertThat(lm.snapshot()).isEmpty();
    }

    @Test
    void refusesToGrowPastTheWindow() {
        lm.append(new int[] {1, 2, 3, 4, 5});
        assertThatThrownBy(() -> lm.append(new int[] {6, 7})).isInstanceOf(IllegalArgumentException.class);
    }
}
