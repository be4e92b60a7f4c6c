package io.minnow.agent.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private long now = 5_000;
    private final Sessions sessions = new Sessions(30, 120, () -> now, new SecureRandom());

    private void advanceMinutes(long m) {
        now += TimeUnit.MINUTES.toNanos(m);
    }

    @Test
    void aSessionEndsAfterItsIdleTime() {
        String cookie = sessions.create();
        advanceMinutes(29);
        assertThat(sessions.find(cookie)).isPresent();
        advanceMinutes(29);
        assertThat(sessions.find(cookie)).as("used 29 minutes ago").isPresent();
        advanceMinutes(31);
        assertThat(sessions.find(cookie)).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void aBusySessionStillEndsAtItsAbsoluteExpiry() {
        String cookie = sessions.create();
        for (int i = 0; i < 5; i++) {
            advanceMinutes(20);
            assertThat(sessions.find(cookie)).isPresent();
        }
        advanceMinutes(21);
        assertThat(sessions.find(cookie)).isEmpty();
    }

    @Test
    void cookiesAndCsrfTokensAreUnguessableAndCompared() {
        String a = sessions.create();
        String b = sessions.create();
        assertThat(a).isNotEqualTo(b).hasSizeGreaterThanOrEqualTo(43);
        Sessions.Session s = sessions.find(a).orElseThrow();
        assertThat(s.csrfMatches(s.csrf())).isTrue();
        assertThat(s.csrfMatches(sessions.find(b).orElseThrow().csrf())).isFalse();
        assertThat(s.csrfMatches(null)).isFalse();
        assertThat(sessions.find(a.substring(1))).isEmpty();
        sessions.removeAllBut(b);
        assertThat(sessions.find(a)).isEmpty();
        assertThat(sessions.find(b)).isPresent();
    }
}
