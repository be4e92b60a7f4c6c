package io.minnow.agent.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private long now = 1_000;
    private final LoginThrottle throttle = new LoginThrottle(() -> now);

    private void advanceSeconds(long s) {
        now += TimeUnit.SECONDS.toNanos(s);
    }

    @Test
    void slowsDownAfterThreeFailuresDoublingTheWait() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
            throttle.failed("10.0.0.5");
            assertThat(throttle.waitSeconds("10.0.0.5")).isZero();
        }
        throttle.failed("10.0.0.5");
        assertThat(throttle.waitSeconds("10.0.0.5")).isEqualTo(1);
        advanceSeconds(1);
        throttle.failed("10.0.0.5");
        assertThat(throttle.waitSeconds("10.0.0.5")).isEqualTo(2);
        assertThat(throttle.waitSeconds("10.0.0.6")).as("per client").isZero();
    }

    @Test
    void locksOutAtTenFailuresForFifteenMinutesThenForgets() {
        for (int i = 0; i < LoginThrottle.LOCK_FAILURES; i++) {
            advanceSeconds(60);
            throttle.failed("10.0.0.5");
        }
        assertThat(throttle.waitSeconds("10.0.0.5")).isEqualTo(15 * 60);
        advanceSeconds(15 * 60 - 1);
        assertThat(throttle.waitSeconds("10.0.0.5")).isEqualTo(1);
        advanceSeconds(1);
        assertThat(throttle.waitSeconds("10.0.0.5")).as("never permanent").isZero();
        throttle.failed("10.0.0.5");
        assertThat(throttle.waitSeconds("10.0.0.5")).as("a fresh start after the lock").isZero();
    }

    @Test
    void aCorrectPasswordClearsTheCount() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0.5");
        }
        throttle.succeeded("10.0.0.5");
        assertThat(throttle.waitSeconds("10.0.0.5")).isZero();
        throttle.failed("10.0.0.5");
        assertThat(throttle.waitSeconds("10.0.0.5")).isZero();
    }
}
