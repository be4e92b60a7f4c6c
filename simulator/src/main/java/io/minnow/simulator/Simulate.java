package io.minnow.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code simulate PRESET}: a fleet of virtual devices against a real broker and the agent as a real process,
 * with faults, a live progress line and a final count of what was lost, answered twice, timed out or refused.
 * Exit status 1 when a sent request was lost or a reply was wrong.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Runs a fleet of virtual devices (MQTT 5 and 3.1.1) against a real Mosquitto and the agent"
                + " as a real process, with faults, and reports lost, duplicated, timed-out and busy requests.")
public final class Simulate implements Callable<Integer> {
    @Parameters(index = "0", defaultValue = "smoke",
            description = "smoke (6 devices, 20 s, a burst, a broker restart and an agent SIGKILL), load (100 devices, 60 s,"
                    + " no faults), chaos (20 devices, 60 s, random faults from the seed)")
    private String preset;

    @Option(names = "--devices", description = "overrides the preset's device count")
    private Integer devices;

    @Option(names = "--seconds", description = "overrides the preset's duration")
    private Integer seconds;

    @Option(names = "--rate", description = "overrides the preset's requests per second per device")
    private Double rate;

    @Option(names = "--seed", defaultValue = "1", description = "seeds devices, requests and random faults")
    private long seed;

    @Option(names = "--dir", description = "where broker and agent files and logs go (default: a new temp dir)")
    private Path dir;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Simulate()).execute(args));
    }

    /** The named preset, with the given seed. */
    static FleetRun.Scenario preset(String name, long seed) {
        return switch (name) {
            case "smoke" -> new FleetRun.Scenario("smoke", 6, 0.5, 0.5, 20, List.of(
                    new FleetRun.TimedFault(2, FleetRun.Fault.BURST),
                    new FleetRun.TimedFault(5, FleetRun.Fault.BROKER_RESTART),
                    new FleetRun.TimedFault(12, FleetRun.Fault.AGENT_KILL)), 1_000, seed);
            case "load" -> new FleetRun.Scenario("load", 100, 0.5, 0.05, 60, List.of(), 0, seed);
            case "chaos" -> new FleetRun.Scenario("chaos", 20, 0.5, 0.2, 60, List.of(), 2_000, seed)
                    .withRandomFaults(4);
            default -> throw new CommandLine.ParameterException(new CommandLine(new Simulate()),
                    "unknown preset \"" + name + "\"; expected smoke, load or chaos");
        };
    }

    @Override
    public Integer call() throws Exception {
        FleetRun.Scenario p = preset(preset, seed);
        FleetRun.Scenario s = new FleetRun.Scenario(p.name(), devices == null ? p.devices() : devices,
                p.mqtt5Share(), rate == null ? p.ratePerDevice() : rate, seconds == null ? p.seconds() : seconds,
                p.faults(), p.outageMs(), seed);
        Path d = dir == null ? Files.createTempDirectory("minnow-sim") : Files.createDirectories(dir);
        System.out.printf("simulate %s: %d devices (%.0f%% MQTT 5), %.2f requests/s each, %d s, faults %s, seed %d;"
                + " files in %s%n", s.name(), s.devices(), s.mqtt5Share() * 100, s.ratePerDevice(), s.seconds(),
                s.faults(), seed, d);
        FleetStats stats = FleetRun.run(s, d, System.out, 60);
        boolean ok = stats.lost == 0 && stats.wrong.sum() == 0 && stats.unexpected.sum() == 0;
        System.out.println(ok ? "no sent request lost, every reply checked" : "FAILED: lost or wrong replies above");
        return ok ? 0 : 1;
    }
}
