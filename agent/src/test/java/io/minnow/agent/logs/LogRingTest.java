package io.minnow.agent.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.agent.web.auth.PasswordStore;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogRingTest {
    private static final Logger LOG = LoggerFactory.getLogger(LogRingTest.class);

    @Test
    void keepsRecentLinesBoundedAndLeavesSecretsOut() {
        LogRing ring = LogRing.installed();
        assertThat(LogRing.installed()).as("installed once").isSameAs(ring);
        LOG.warn(PasswordStore.SECRET, "one-time password is hunter2hunter2");
        for (int i = 0; i < LogRing.MAX_LINES + 10; i++) {
            LOG.info("line {}", i);
        }
        String text = ring.text();
        assertThat(text).doesNotContain("hunter2").contains("line " + (LogRing.MAX_LINES + 9));
        assertThat(text.lines().count()).isLessThanOrEqualTo(LogRing.MAX_LINES);
        assertThat(text).doesNotContain("line 0\n");
    }
}
