package io.minnow.runtime.bundle;

import io.minnow.runtime.testing.ByteLevelTokenizerJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Parts of bundles for format tests, where the model is just bytes with the TFLite identifier. */
final class BundleTestData {
    private BundleTestData() {
    }

    static ByteBuffer fakeModel(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        System.arraycopy("TFL3".getBytes(StandardCharsets.US_ASCII), 0, bytes, 4, 4);
        return ByteBuffer.wrap(bytes);
    }

    static ModelManifest manifest(int vocabSize) {
        return new ModelManifest("tiny", "1.0.0", Convention.KV_CACHE, 64, vocabSize,
                new SpecialTokens(null, ByteLevelTokenizerJson.END_OF_TEXT, null),
                Map.of("ask", "Q: {{question}}\nA:"),
                new ChatTemplate("", Map.of("user", "<|user|>{{content}}\n"), "<|assistant|>"),
                Map.of("perplexity", 12.5), "Apache-2.0", null);
    }
}
