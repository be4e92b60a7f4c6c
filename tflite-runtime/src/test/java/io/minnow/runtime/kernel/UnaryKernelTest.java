package io.minnow.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class UnaryKernelTest {
    @Test
    void fastTanhStaysWithinAFloatRoundingOfTheLibraryOne() {
        for (float x = -30f; x <= 30f; x += 0.00137f) {
            double exact = Math.tanh(x);
            assertThat((double) UnaryKernel.tanh(x)).as("tanh(%s)", x)
                    .isCloseTo(exact, Offset.offset(Math.ulp((float) exact) + 1e-30));
        }
        assertThat(UnaryKernel.tanh(1e-9f)).isEqualTo(1e-9f);
        assertThat(UnaryKernel.tanh(Float.POSITIVE_INFINITY)).isEqualTo(1f);
        assertThat(UnaryKernel.tanh(Float.NEGATIVE_INFINITY)).isEqualTo(-1f);
    }
}
