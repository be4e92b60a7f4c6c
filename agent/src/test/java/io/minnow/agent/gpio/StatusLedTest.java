package io.minnow.agent.gpio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class StatusLedTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicReference<AgentState> state = new AtomicReference<>(AgentState.IDLE);
    private final List<String> writes = new ArrayList<>();
    private final StatusLed led = new StatusLed(state::get, on -> writes.add(clock.get() + (on ? " on" : " off")),
            clock::get);

    private void at(long ms) {
        clock.set(1_000_000 + ms);
        led.tick();
    }

    @Test
    void writesThePinOnlyWhenTheLevelChangesAndRestartsThePatternOnANewState() {
        at(0);
        at(50);
        at(100);
        at(2_950);
        at(3_000);
        assertThat(led.shown()).isEqualTo(AgentState.IDLE);
        assertThat(writes).containsExactly("1000000 on", "1000100 off", "1003000 on");

        state.set(AgentState.OFFLINE);
        at(3_020); // the new pattern starts here: on for 1 s, already on, so no write
        at(4_000);
        at(4_020);
        assertThat(led.shown()).isEqualTo(AgentState.OFFLINE);
        assertThat(writes).endsWith("1004020 off");
    }
}
