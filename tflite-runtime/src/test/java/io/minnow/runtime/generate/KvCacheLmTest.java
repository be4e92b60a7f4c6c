package io.minnow.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.runtime.Tensor;
import io.minnow.runtime.testing.RecordingKvInterpreter;
import org.junit.jupiter.api.Test;

/** Cache bookkeeping against a recording stand-in; real models are run in the bundle end-to-end tests. */
class KvCacheLmTest {
    private static final int LAYERS = 2;
    private static final int HEADS = 2;
    private static final int HEAD_SIZE = 3;
    private final RecordingKvInterpreter model = new RecordingKvInterpreter(LAYERS, HEADS, HEAD_SIZE, 16);
    private static final int CONTEXT = 40;
    private static final float M = -1e9f;
    private final KvCacheLm lm = new KvCacheLm(model, CONTEXT, 16, new KvCacheGeometry(LAYERS, HEADS, HEAD_SIZE));

    /** The first {@code past} positions of each head of a padded past tensor. */
    private static float[] realPast(Tensor padded, int past) {
        int[] shape = padded.shape();
        float[] all = padded.toFloatArray();
        float[] out = new float[HEADS * past * HEAD_SIZE];
        for (int h = 0; h < HEADS; h++) {
            System.arraycopy(all, h * shape[2] * HEAD_SIZE, out, h * past * HEAD_SIZE, past * HEAD_SIZE);
        }
        return out;
    }

    /** The past tensor the runtime should pass after {@code tokens}, for one layer. */
    private static float[] expectedPast(int layer, boolean values, int... tokens) {
        float[] out = new float[HEADS * tokens.length * HEAD_SIZE];
        for (int h = 0; h < HEADS; h++) {
            for (int i = 0; i < tokens.length; i++) {
                for (int d = 0; d < HEAD_SIZE; d++) {
                    float c = RecordingKvInterpreter.code(tokens[i], layer, h, d);
                    out[(h * tokens.length + i) * HEAD_SIZE + d] = values ? -c : c;
                }
            }
        }
        return out;
    }

    @Test
    void prefillGetsACausalMaskAndPositionsFromZero() {
        float[] logits = lm.append(new int[] {5, 6});
        RecordingKvInterpreter.Call call = model.calls.get(0);
        assertThat(call.signature()).isEqualTo("prefill");
        assertThat(call.inputs().get("positions").toIntArray()).containsExactly(0, 1);
        Tensor mask = call.inputs().get("mask");
        assertThat(mask.shape()).containsExactly(1, 1, 2, 2);
        assertThat(mask.toFloatArray()).containsExactly(0f, -1e9f, 0f, 0f);
        assertThat(call.inputs()).doesNotContainKey("past_k_0");
        assertThat(logits).hasSize(16);
        assertThat(logits[7]).isEqualTo(1f);
        assertThat(lm.length()).isEqualTo(2);
    }

    @Test
    void decodeSeesOneNewTokenAndTheWholeCachedPast() {
        lm.append(new int[] {5, 6});
        lm.append(new int[] {7});
        lm.append(new int[] {8});
        RecordingKvInterpreter.Call call = model.calls.get(2);
        assertThat(call.signature()).isEqualTo("decode");
        assertThat(call.inputs().get("tokens").toIntArray()).containsExactly(8);
        assertThat(call.inputs().get("positions").toIntArray()).containsExactly(3);
        for (int layer = 0; layer < LAYERS; layer++) {
            assertThat(realPast(call.inputs().get("past_k_" + layer), 3)).containsExactly(expectedPast(layer, false, 5, 6, 7));
            assertThat(realPast(call.inputs().get("past_v_" + layer), 3)).containsExactly(expectedPast(layer, true, 5, 6, 7));
        }
    }

    @Test
    void thePastIsPaddedToABucketWithThePaddingMaskedSoShapesRarelyChange() {
        lm.append(new int[] {5, 6});
        lm.append(new int[] {7});
        lm.append(new int[] {8});
        for (RecordingKvInterpreter.Call call : model.calls.subList(1, 3)) {
            assertThat(call.inputs().get("past_k_0").shape()).containsExactly(1, HEADS, KvCacheLm.PAST_BUCKET, HEAD_SIZE);
            assertThat(call.inputs().get("mask").shape()).containsExactly(1, 1, 1, KvCacheLm.PAST_BUCKET + 1);
        }
        float[] mask = model.calls.get(2).inputs().get("mask").toFloatArray();
        for (int col = 0; col < mask.length; col++) {
            assertThat(mask[col]).as("column " + col).isEqualTo(col < 3 || col == KvCacheLm.PAST_BUCKET ? 0f : M);
        }
    }

    @Test
    void thePaddedPastNeverExceedsTheContext() {
        lm.append(new int[33]);
        lm.append(new int[] {1});
        assertThat(model.calls.get(1).inputs().get("past_v_1").shape()).containsExactly(1, HEADS, CONTEXT, HEAD_SIZE);
    }

    @Test
    void chunkedDecodeMasksPaddingAndLaterNewTokens() {
        lm.append(new int[] {5});
        lm.append(new int[] {6, 7});
        Tensor mask = model.calls.get(1).inputs().get("mask");
        int width = KvCacheLm.PAST_BUCKET + 2;
        assertThat(mask.shape()).containsExactly(1, 1, 2, width);
        float[] m = mask.toFloatArray();
        assertThat(m[0]).isZero();
        assertThat(m[1]).isEqualTo(M);
        assertThat(m[KvCacheLm.PAST_BUCKET - 1]).isEqualTo(M);
        assertThat(new float[] {m[width - 2], m[width - 1], m[2 * width - 2], m[2 * width - 1]})
                .containsExactly(0f, M, 0f, 0f);
    }

    @Test
    void truncateForgetsTheTailOfThePast() {
        lm.append(new int[] {5, 6, 7});
        lm.truncate(1);
        lm.append(new int[] {9});
        RecordingKvInterpreter.Call call = model.calls.get(1);
        assertThat(realPast(call.inputs().get("past_k_1"), 1)).containsExactly(expectedPast(1, false, 5));
        assertThat(call.inputs().get("mask").toFloatArray()[1]).isEqualTo(M);
        assertThat(call.inputs().get("positions").toIntArray()).containsExactly(1);
    }

    @Test
    void aRestoredSnapshotReplacesTheStateInAnotherSession() {
        lm.append(new int[] {5, 6});
        LmSnapshot snapshot = lm.snapshot().orElseThrow();
        assertThat(snapshot.length()).isEqualTo(2);
        assertThat(snapshot.sizeBytes()).isEqualTo(2L * LAYERS * HEADS * 2 * HEAD_SIZE * 4);

        RecordingKvInterpreter other = new RecordingKvInterpreter(LAYERS, HEADS, HEAD_SIZE, 16);
        KvCacheLm second = new KvCacheLm(other, CONTEXT, 16, new KvCacheGeometry(LAYERS, HEADS, HEAD_SIZE));
        second.append(new int[] {1, 1, 1});
        second.restore(snapshot);
        second.append(new int[] {7});
        assertThat(realPast(other.calls.get(1).inputs().get("past_v_0"), 2)).containsExactly(expectedPast(0, true, 5, 6));
    }

    @Test
    void refusesToGrowPastTheContext() {
        lm.append(new int[CONTEXT - 1]);
        assertThatThrownBy(() -> lm.append(new int[] {8, 9}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("context length " + CONTEXT);
        assertThat(lm.length()).isEqualTo(CONTEXT - 1);
    }

    @Test
    void closingTheModelClosesItsInterpreter() {
        lm.close();
        assertThat(model.closed).isTrue();
    }
}
