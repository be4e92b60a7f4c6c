package io.minnow.runtime.tokenizer;

import java.util.Objects;

/**
 * A {@code tokenizer.json} that cannot be loaded: malformed, inconsistent, or using a component Minnow does not
 * implement. The message names the component (for example {@code pre_tokenizer type 'Whitespace'}) so a person
 * can tell which part of the file to change.
 */
public final class TokenizerFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String component;

    public TokenizerFormatException(String component, String message) {
        super(component + ": " + message);
        this.component = Objects.requireNonNull(component, "component");
    }

    public TokenizerFormatException(String component, String message, Throwable cause) {
        super(component + ": " + message, cause);
        this.component = Objects.requireNonNull(component, "component");
    }

    /** The part of the file that was rejected, such as {@code model}, {@code normalizer} or {@code decoder}. */
    public String component() {
        return component;
    }
}
