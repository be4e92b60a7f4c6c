package io.minnow.runtime.bundle;

/**
 * Token strings with a special role, each naming an entry of tokenizer.json; any may be null (absent).
 *
 * @param bos put before a prompt that would otherwise be empty
 * @param eos ends generation when the model produces it
 * @param pad unused by generation; recorded for tools
 */
public record SpecialTokens(String bos, String eos, String pad) {
    public static final SpecialTokens NONE = new SpecialTokens(null, null, null);
}
