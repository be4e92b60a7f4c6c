package io.minnow.runtime.generate;

import io.minnow.runtime.tokenizer.PromptText;
import io.minnow.runtime.tokenizer.Tokenizer;
import java.util.List;
import java.util.OptionalInt;

/** A fake tokenizer whose token i stands for the given raw bytes; the last id is a special end token. */
final class PieceTokenizer implements Tokenizer {
    private final List<byte[]> pieces;

    PieceTokenizer(List<byte[]> pieces) {
        this.pieces = pieces;
    }

    int endId() {
        return pieces.size();
    }

    @Override
    public int[] encode(String text) {
        throw new UnsupportedOperationException("the loop never encodes");
    }

    @Override
    public int[] encode(PromptText text) {
        throw new UnsupportedOperationException("the loop never encodes");
    }

    @Override
    public String decode(int[] ids) {
        throw new UnsupportedOperationException("the loop never decodes whole sequences");
    }

    @Override
    public byte[] decodeBytes(int id) {
        return id == endId() ? new byte[0] : pieces.get(id).clone();
    }

    @Override
    public int vocabSize() {
        return pieces.size() + 1;
    }

    @Override
    public OptionalInt tokenId(String token) {
        return OptionalInt.empty();
    }

    @Override
    public boolean isSpecial(int id) {
        return id == endId();
    }
}
