package io.minnow.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void anInitializerErrorIsDescribedByItsCauseNotAsNull() {
        Throwable failure = new ExceptionInInitializerError(new IllegalArgumentException("Bad vector bit-size: 32"));

        assertThat(Causes.describe(failure))
                .isEqualTo("ExceptionInInitializerError; caused by IllegalArgumentException: Bad vector bit-size: 32");
    }

    @Test
    void aCauseWhoseMessageTheWrapperQuotesIsNamedWithoutRepeatingIt() {
        Exception cause = new java.io.IOException("disk full");
        Exception wrapper = new IllegalStateException("cannot write the bundle: disk full", cause);

        assertThat(Causes.describe(wrapper))
                .isEqualTo("IllegalStateException: cannot write the bundle: disk full; caused by IOException");
    }

    @Test
    void aCyclicChainEnds() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);

        assertThat(Causes.describe(a)).isEqualTo("Exception: a; caused by Exception: b");
    }
}
