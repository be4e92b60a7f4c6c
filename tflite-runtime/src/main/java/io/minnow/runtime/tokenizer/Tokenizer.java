package io.minnow.runtime.tokenizer;

import java.util.OptionalInt;

/**
 * Turns text into model token ids and back, as a Hugging Face {@code tokenizer.json} describes. Immutable
 * and thread-safe.
 */
public interface Tokenizer {

    /** Token ids for {@code text}, without special tokens the post-processor would add. */
    int[] encode(String text);

    /**
     * Text for {@code ids}. Special tokens are left out; byte-level pieces that do not yet form a whole
     * UTF-8 character are kept as U+FFFD here (streaming uses {@link #decodeBytes(int)} instead).
     */
    String decode(int[] ids);

    /** The raw bytes one token stands for, so streaming can join tokens before decoding UTF-8. */
    byte[] decodeBytes(int id);

    int vocabSize();

    /** The id of a token string such as {@code <|endoftext|>}, if the vocabulary has it. */
    OptionalInt tokenId(String token);

    /** Whether {@code id} is a special (added, control) token that decoding leaves out. */
    boolean isSpecial(int id);
}
