package io.minnow.runtime.tokenizer;

import java.util.OptionalInt;

/**
 * Turns text into model token ids and back, as a Hugging Face {@code tokenizer.json} describes
 * ({@link TokenizerJson} loads one). Immutable and thread-safe.
 */
public interface Tokenizer {

    /**
     * Token ids for {@code text}, without special tokens the post-processor would add (callers add BOS and the
     * like themselves). Added tokens written in the text, such as {@code <|endoftext|>}, become their ids.
     */
    int[] encode(String text);

    /**
     * Token ids for {@code text.text()} where callers' values stay plain text: a special token written in the
     * text becomes its id only if it lies wholly inside trusted text (neighbouring trusted parts count as one
     * stretch, so a token cut between them is still found); one spelled by an untrusted part (a
     * device's question holding {@code <|endoftext|>}) is encoded as ordinary characters. Non-special added
     * tokens (extra vocabulary) are recognised wholly inside any part. Plain text
     * on either side of a part boundary is encoded as one piece, exactly as {@link #encode(String)} would
     * encode it, so filling a value into a template does not change how the text around it splits. For an
     * all-trusted text the result equals {@code encode(text.text())}. One limit: a special token that
     * tokenizer.json marks {@code "normalized": true} (GPT-2's {@code <|endoftext|>} is one; Minnow's bundles
     * and the reference tokenizers have none) is matched after normalization, where value and template
     * characters mix, so in trusted text it becomes its id only if no value shares its stretch of plain text.
     */
    int[] encode(PromptText text);

    /**
     * Text for {@code ids}. Special tokens are left out; byte-level pieces that do not yet form a whole
     * UTF-8 character are kept as U+FFFD here (streaming uses {@link #decodeBytes(int)} instead).
     *
     * @throws IllegalArgumentException if an id is outside {@code [0, vocabSize())}
     */
    String decode(int[] ids);

    /**
     * The raw bytes one token stands for in the middle of a text, so streaming can join tokens before decoding
     * UTF-8: byte-level tokens through the byte alphabet, {@code <0xNN>} byte-fallback tokens as that byte, others
     * as UTF-8 after the decoder's replacements (U+2581 becomes a space). Special tokens give no bytes. Rules for
     * the start of a text (SentencePiece decoders strip the leading space) are not applied.
     *
     * @throws IllegalArgumentException if {@code id} is outside {@code [0, vocabSize())}
     */
    byte[] decodeBytes(int id);

    /** One more than the highest token id, counting added tokens. */
    int vocabSize();

    /** The id of a token string such as {@code <|endoftext|>}, if the vocabulary has it. */
    OptionalInt tokenId(String token);

    /**
     * Whether {@code id} is a special (added, control) token that decoding leaves out.
     *
     * @throws IllegalArgumentException if {@code id} is outside {@code [0, vocabSize())}
     */
    boolean isSpecial(int id);
}
