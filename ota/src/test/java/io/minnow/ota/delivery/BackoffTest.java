package io.minnow.ota.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void pausesDoubleUpToTheMaximumWithJitterInTheUpperHalf() {
        Backoff b = new Backoff(100, 1000, new Random(7));
        long[] steps = {100, 200, 400, 800, 1000, 1000};
        for (long step : steps) {
            assertThat(b.nextMs()).isBetween(step / 2, step);
        }
        b.reset();
        assertThat(b.nextMs()).isBetween(50L, 100L);
    }

    @Test
    void jitterSpreadsAFleet() {
        long min = Long.MAX_VALUE;
        long max = 0;
        Random r = new Random(1);
        for (int i = 0; i < 200; i++) {
            long p = new Backoff(1000, 1000, r).nextMs();
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertThat(max - min).isGreaterThan(300);
    }
}
