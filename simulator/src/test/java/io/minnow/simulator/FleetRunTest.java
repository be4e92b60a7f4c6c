package io.minnow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI fleet run: a handful of devices (MQTT 5 and 3.1.1) against a real Mosquitto and the agent as a real
 * process with the default model, through a burst past the queue, one broker restart and one agent SIGKILL. No request the broker
 * accepted may be lost, and every reply must be right.
 */
class FleetRunTest {
    @Test
    void aSmallFleetLosesNothingThroughABurstABrokerRestartAndAnAgentKill(@TempDir Path dir) throws Exception {
        FleetRun.Scenario s = new FleetRun.Scenario("ci", 4, 0.5, 1.0, 12, List.of(
                new FleetRun.TimedFault(2, FleetRun.Fault.BURST),
                new FleetRun.TimedFault(4, FleetRun.Fault.BROKER_RESTART),
                new FleetRun.TimedFault(8, FleetRun.Fault.AGENT_KILL)), 500, 42);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        FleetStats stats = FleetRun.run(s, dir, new PrintStream(log, true, StandardCharsets.UTF_8), 90);
        String report = log.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        assertThat(stats.sent.sum()).as(report).isGreaterThan(20);
        assertThat(stats.lost).as(report).isZero();
        assertThat(stats.wrong.sum() + stats.unexpected.sum()).as(report).isZero();
        assertThat(stats.answered.sum()).as(report).isPositive();
        assertThat(stats.busy.sum()).as("the burst went past the client's share of the queue: %s", report).isPositive();
        assertThat(report).contains("fault: BROKER_RESTART").contains("fault: AGENT_KILL");
    }

    @Test
    void presetsAreNamedAndAnUnknownOneIsRefused() {
        assertThat(Simulate.preset("smoke", 1).faults()).extracting(FleetRun.TimedFault::fault)
                .containsExactly(FleetRun.Fault.BURST, FleetRun.Fault.BROKER_RESTART, FleetRun.Fault.AGENT_KILL);
        assertThat(Simulate.preset("chaos", 7).faults()).hasSize(4)
                .isEqualTo(Simulate.preset("chaos", 7).faults());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Simulate.preset("nope", 1))
                .hasMessageContaining("unknown preset \"nope\"");
    }
}
