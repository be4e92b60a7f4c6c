package io.minnow.agent.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesEachAttemptUpToTheCapWithJitterInTheUpperHalf() {
        Backoff low = new Backoff(500, 30_000, () -> 0.0);
        Backoff high = new Backoff(500, 30_000, () -> 0.999_999);
        assertThat(low.delayMs(0)).isEqualTo(250);
        assertThat(high.delayMs(0)).isEqualTo(499);
        assertThat(low.delayMs(3)).isEqualTo(2_000);
        assertThat(high.delayMs(3)).isEqualTo(3_999);
        assertThat(low.delayMs(10)).isEqualTo(15_000);
        assertThat(high.delayMs(10)).isEqualTo(29_999);
        assertThat(high.delayMs(1_000)).as("no overflow after many attempts").isEqualTo(29_999);
    }

    @Test
    void rejectsACapBelowTheFirstDelay() {
        assertThatThrownBy(() -> new Backoff(1_000, 10, () -> 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000, 10");
    }
}
