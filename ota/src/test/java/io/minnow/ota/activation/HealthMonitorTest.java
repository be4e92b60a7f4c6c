package io.minnow.ota.activation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HealthMonitorTest {
    private static final HealthPolicy POLICY = new HealthPolicy(60_000, 4, 0.25, 3.0);
    private static final long MS = 1_000_000;

    @Test
    void passesWithTooFewRequestsToJudge() {
        HealthMonitor m = new HealthMonitor();
        m.beginWindow();
        for (int i = 0; i < 3; i++) {
            m.record(true, 0);
        }
        assertThat(m.failure(POLICY)).isEmpty();
    }

    @Test
    void failsWhenMoreThanTheAllowedShareFails() {
        HealthMonitor m = new HealthMonitor();
        m.beginWindow();
        m.record(false, 10 * MS);
        m.record(false, 10 * MS);
        m.record(false, 10 * MS);
        m.record(true, 0);
        assertThat(m.failure(POLICY)).as("1 of 4 is exactly the allowed 25 %").isEmpty();
        m.record(true, 0);
        assertThat(m.failure(POLICY)).hasValueSatisfying(s -> assertThat(s).contains("2 of 5 requests failed"));
    }

    @Test
    void failsWhenTheNewModelIsMuchSlowerThanTheOldOne() {
        HealthMonitor m = new HealthMonitor();
        for (int i = 0; i < 10; i++) {
            m.record(false, 100 * MS);
        }
        m.beginWindow();
        for (int i = 0; i < 4; i++) {
            m.record(false, 290 * MS);
        }
        assertThat(m.failure(POLICY)).as("2.9 times is allowed").isEmpty();
        for (int i = 0; i < 6; i++) {
            m.record(false, 400 * MS);
        }
        assertThat(m.failure(POLICY)).hasValueSatisfying(s -> assertThat(s).contains("median latency 400 ms is 4.0 times"));
    }

    @Test
    void failuresBeforeTheWindowDoNotCount() {
        HealthMonitor m = new HealthMonitor();
        for (int i = 0; i < 10; i++) {
            m.record(true, 0);
        }
        m.beginWindow();
        for (int i = 0; i < 4; i++) {
            m.record(false, MS);
        }
        assertThat(m.failure(POLICY)).isEmpty();
    }
}
