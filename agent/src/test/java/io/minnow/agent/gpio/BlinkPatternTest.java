package io.minnow.agent.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlinkPatternTest {

    /** The pattern sampled every 50 ms over one period, as a string of 1s and 0s. */
    private static String trace(AgentState s) {
        BlinkPattern p = BlinkPattern.of(s);
        StringBuilder b = new StringBuilder();
        for (long t = 0; t < p.periodMs(); t += 50) {
            b.append(p.litAt(t) ? '1' : '0');
        }
        return b.toString();
    }

    @Test
    void everyStateHasItsOwnPattern() {
        Set<String> traces = new HashSet<>();
        for (AgentState s : AgentState.values()) {
            assertThat(traces.add(trace(s))).as(s + " differs from the others").isTrue();
        }
    }

    @Test
    void idleIsAShortBlinkAndErrorThreeBlinksAndAPause() {
        assertThat(trace(AgentState.IDLE)).isEqualTo("11" + "0".repeat(58));
        assertThat(trace(AgentState.ERROR)).isEqualTo("111000111000111" + "0".repeat(25));
        assertThat(trace(AgentState.OFFLINE)).isEqualTo("1".repeat(20) + "0".repeat(20));
    }

    @Test
    void thePatternRepeats() {
        BlinkPattern busy = BlinkPattern.of(AgentState.BUSY);
        for (long t : List.of(0L, 99L, 100L, 199L, 200L, 12_345L)) {
            assertThat(busy.litAt(t)).as("t=" + t).isEqualTo(busy.litAt(t + 7 * busy.periodMs()));
        }
        assertThat(busy.litAt(99)).isTrue();
        assertThat(busy.litAt(100)).isFalse();
    }

    @Test
    void statePriorityPutsUpdatingAndErrorsFirst() {
        assertThat(AgentState.from(() -> true, () -> true, () -> false, () -> true).current())
                .isEqualTo(AgentState.UPDATING);
        assertThat(AgentState.from(() -> false, () -> true, () -> false, () -> true).current())
                .isEqualTo(AgentState.ERROR);
        assertThat(AgentState.from(() -> false, () -> false, () -> false, () -> true).current())
                .isEqualTo(AgentState.OFFLINE);
        assertThat(AgentState.from(() -> false, () -> false, () -> true, () -> true).current())
                .isEqualTo(AgentState.BUSY);
        assertThat(AgentState.from(() -> false, () -> false, () -> true, () -> false).current())
                .isEqualTo(AgentState.IDLE);
    }
}
