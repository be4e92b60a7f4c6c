package io.minnow.ota.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
    @Test
    void bytesBeyondTheBurstArePaidForWithPausesAtTheRate() throws Exception {
        AtomicLong clock = new AtomicLong();
        AtomicLong slept = new AtomicLong();
        RateLimiter l = new RateLimiter(100_000, clock::get, n -> {
            slept.addAndGet(n);
            clock.addAndGet(n);
        });
        for (int i = 0; i < 100; i++) {
            l.acquire(10_000); // 1 MB in 10 kB reads with no time spent elsewhere
        }
        // the first 25 kB (a quarter second) are free, the rest takes 975 kB / 100 kB/s = 9.75 s
        assertThat(slept.get()).isBetween(9_740_000_000L, 9_760_000_000L);
    }

    @Test
    void timeSpentElsewhereCountsAndIdleTimeOnlyBuysTheBurst() throws Exception {
        AtomicLong clock = new AtomicLong();
        AtomicLong slept = new AtomicLong();
        RateLimiter l = new RateLimiter(1_000, clock::get, n -> {
            slept.addAndGet(n);
            clock.addAndGet(n);
        });
        clock.addAndGet(60_000_000_000L); // a minute idle
        assertThat(l.acquire(250)).isZero();
        assertThat(l.acquire(100)).isEqualTo(100_000_000L);
        clock.addAndGet(50_000_000L); // 50 ms of other work pays for 50 bytes
        assertThat(l.acquire(100)).isEqualTo(50_000_000L);
    }

    @Test
    void zeroMeansUnlimited() throws Exception {
        RateLimiter l = new RateLimiter(0, () -> 0, n -> {
            throw new AssertionError("slept");
        });
        assertThat(l.acquire(1 << 30)).isZero();
    }
}
