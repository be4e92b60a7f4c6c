package io.minnow.runtime.bundle;

/**
 * How a {@link BundleGenerator} runs. Immutable; the constructor names any bad field.
 *
 * @param sessions how many generations may run at once, each on its own interpreter (memory grows with it:
 *     every session holds its activations and a full-context key/value cache)
 * @param prefixCacheBytes heap for cached prompt states; 0 turns the prefix cache off
 * @param overflow what to do with a prompt longer than the context
 */
public record GeneratorConfig(int sessions, long prefixCacheBytes, ContextOverflow overflow) {
    public static final GeneratorConfig DEFAULT = new GeneratorConfig(1, 32L << 20, ContextOverflow.REJECT);

    /** What happens to a prompt that does not fit the model's context. */
    public enum ContextOverflow {
        /** Fail with {@code too_large}. */
        REJECT,
        /**
         * Drop tokens from the start so the rest fits with room for {@code min(max_tokens, context / 2)} new
         * tokens. Whatever the start held (a system prompt, a template's preamble) is lost.
         */
        TRUNCATE_LEFT
    }

    public GeneratorConfig {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions is " + sessions + "; expected at least 1");
        }
        if (prefixCacheBytes < 0) {
            throw new IllegalArgumentException("prefixCacheBytes is " + prefixCacheBytes + "; expected >= 0");
        }
        if (overflow == null) {
            throw new IllegalArgumentException("overflow is missing; expected REJECT or TRUNCATE_LEFT");
        }
    }

    public GeneratorConfig withSessions(int value) {
        return new GeneratorConfig(value, prefixCacheBytes, overflow);
    }

    public GeneratorConfig withPrefixCacheBytes(long value) {
        return new GeneratorConfig(sessions, value, overflow);
    }

    public GeneratorConfig withOverflow(ContextOverflow value) {
        return new GeneratorConfig(sessions, prefixCacheBytes, value);
    }
}
