package io.minnow.runtime.bundle;

import io.minnow.runtime.tokenizer.PromptText;
import io.minnow.runtime.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/** A fake tokenizer: one token per UTF-8 byte, plus {@code <|endoftext|>} as id 256 (never produced by encoding). */
final class ByteTokenizer implements Tokenizer {
    static final String EOS = "<|endoftext|>";
    static final int EOS_ID = 256;

    @Override
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xff;
        }
        return ids;
    }

    @Override
    public int[] encode(PromptText text) {
        return encode(text.text());
    }

    @Override
    public String decode(int[] ids) {
        throw new UnsupportedOperationException("generation streams bytes");
    }

    @Override
    public byte[] decodeBytes(int id) {
        return id == EOS_ID ? new byte[0] : new byte[] {(byte) id};
    }

    @Override
    public int vocabSize() {
        return 257;
    }

    @Override
    public OptionalInt tokenId(String token) {
        return EOS.equals(token) ? OptionalInt.of(EOS_ID) : OptionalInt.empty();
    }

    @Override
    public boolean isSpecial(int id) {
        return id == EOS_ID;
    }
}
