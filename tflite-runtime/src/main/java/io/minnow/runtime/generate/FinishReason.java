package io.minnow.runtime.generate;

/** Why a generation ended normally. Wire names follow the OpenAI API. */
public enum FinishReason {
    /** The model emitted its end token, or a stop string matched. */
    STOP("stop"),
    /** {@code max_tokens} or the context length was reached. */
    LENGTH("length");

    private final String wireName;

    FinishReason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
