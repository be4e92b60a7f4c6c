package io.minnow.simulator;

import io.minnow.agent.ModelOpener;
import io.minnow.config.ModelBackend;
import io.minnow.config.ModelConfig;
import io.minnow.runtime.generate.Generator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One fleet run on this machine: a Mosquitto broker, the agent as a real process (default model), virtual
 * devices speaking MQTT 5 and 3.1.1 sending the {@link RequestMix}, and faults at set times; prints a progress
 * line every second and ends with {@link FleetStats}, including how many sent requests were never answered.
 * Not thread-safe: run one at a time.
 */
final class FleetRun {
    /** Something that happens to the fleet during a run. */
    enum Fault {
        /** The broker stops (SIGTERM, saving its sessions), stays away {@link Scenario#outageMs}, starts again. */
        BROKER_RESTART,
        /** The agent is killed (SIGKILL) and started again. */
        AGENT_KILL,
        /** The agent is stopped (SIGTERM: it drains) and started again. */
        AGENT_TERM,
        /** The first device sends {@link #BURST_SIZE} requests at once, far past its share of the agent's queue. */
        BURST
    }

    static final int BURST_SIZE = 100;

    record TimedFault(double atSeconds, Fault fault) {}

    /**
     * What to run.
     *
     * @param mqtt5Share fraction of devices speaking MQTT 5; the rest speak 3.1.1
     * @param ratePerDevice mean requests per second of each device (Poisson arrivals)
     * @param outageMs how long a broker restart keeps the broker away
     */
    record Scenario(String name, int devices, double mqtt5Share, double ratePerDevice, int seconds,
            List<TimedFault> faults, long outageMs, long seed) {
        Scenario {
            faults = faults.stream().sorted(Comparator.comparingDouble(TimedFault::atSeconds)).toList();
        }

        /** The same fleet with {@code count} faults of random kinds at random times, from the seed. */
        Scenario withRandomFaults(int count) {
            Random r = new Random(seed);
            List<TimedFault> f = new ArrayList<>(faults);
            for (int i = 0; i < count; i++) {
                f.add(new TimedFault(1 + r.nextDouble() * (seconds - 2), Fault.values()[r.nextInt(Fault.values().length)]));
            }
            return new Scenario(name, devices, mqtt5Share, ratePerDevice, seconds, f, outageMs, seed);
        }
    }

    private FleetRun() {}

    /**
     * Runs {@code s} with files in {@code dir}; the progress line and fault log go to {@code out}.
     *
     * @param graceS after the devices stop sending, how long answers to sent requests may still take
     */
    static FleetStats run(Scenario s, Path dir, PrintStream out, int graceS) throws Exception {
        FleetStats stats = new FleetStats();
        RequestMix mix;
        try (Generator model = ModelOpener.forConfig(new ModelConfig(Optional.empty(), ModelBackend.AUTO, 1), 1).call()) {
            mix = new RequestMix(model);
        }
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "fleet-timer");
            t.setDaemon(true);
            return t;
        });
        List<SimDevice> devices = new ArrayList<>();
        try (MosquittoProcess broker = MosquittoProcess.start(Files.createDirectories(dir.resolve("broker")))) {
            Path config = Files.writeString(dir.resolve("agent.yaml"), """
                    device_id: sim-board
                    mqtt: {broker_url: "%s", version: "5"}
                    scheduler: {workers: 1, queue_size: 256, max_queued_per_client: 8}
                    ota: {state_dir: "%s"}
                    """.formatted(broker.url(), Files.createDirectories(dir.resolve("agent-state"))));
            try (AgentProcess agent = new AgentProcess(config, dir)) {
                agent.start();
                awaitOnline(broker.url(), "minnow/sim-board/status", agent);
                Random seeds = new Random(s.seed());
                for (int i = 0; i < s.devices(); i++) {
                    boolean v5 = i < Math.round(s.devices() * s.mqtt5Share());
                    String topic = i % 3 == 2 ? "minnow/pool/request" : "minnow/sim-board/request";
                    devices.add(new SimDevice(broker.url(), "sim-" + s.name() + "-" + i, v5, topic, mix, stats, timer,
                            s.ratePerDevice(), seeds.nextLong()));
                }
                long t0 = System.nanoTime();
                devices.forEach(SimDevice::start);
                int next = 0;
                long lastLine = 0;
                while (seconds(t0) < s.seconds()) {
                    if (next < s.faults().size() && seconds(t0) >= s.faults().get(next).atSeconds()) {
                        Fault f = s.faults().get(next++).fault();
                        out.printf("%n[%5.1fs] fault: %s%n", seconds(t0), f);
                        apply(f, broker, agent, s.outageMs(), devices.get(0));
                    }
                    if (System.nanoTime() - lastLine > TimeUnit.SECONDS.toNanos(1)) {
                        lastLine = System.nanoTime();
                        out.print("\r" + stats.line(seconds(t0)));
                    }
                    Thread.sleep(50); // a coarse clock is enough to place faults and refresh the line
                }
                devices.forEach(SimDevice::stopSending);
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceS);
                while (devices.stream().mapToLong(SimDevice::outstanding).sum() > 0 && System.nanoTime() < end) {
                    Thread.sleep(100); // answers to the last requests are still coming
                }
                stats.lost = devices.stream().mapToLong(SimDevice::outstanding).sum();
                out.println("\r" + stats.line(seconds(t0)));
                if (stats.lost > 0) {
                    devices.forEach(d -> d.describeOutstanding(out));
                    out.println("requests were lost; the agent's last log:\n" + agent.lastLog());
                }
            }
        } finally {
            devices.forEach(SimDevice::close);
            timer.shutdownNow();
        }
        return stats;
    }

    private static void apply(Fault f, MosquittoProcess broker, AgentProcess agent, long outageMs, SimDevice first)
            throws Exception {
        switch (f) {
            case BURST -> first.burst(BURST_SIZE);
            case BROKER_RESTART -> broker.restart(outageMs);
            case AGENT_KILL -> {
                agent.kill();
                agent.start();
            }
            case AGENT_TERM -> {
                agent.terminate(30);
                agent.start();
            }
        }
    }

    /** Waits for the agent's retained status to say online (its subscriptions exist from then on). */
    private static void awaitOnline(String brokerUrl, String statusTopic, AgentProcess agent) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            if (!agent.isAlive()) {
                throw new IllegalStateException("the agent exited at start:\n" + agent.lastLog());
            }
            if (StatusProbe.online(brokerUrl, statusTopic)) {
                return;
            }
            Thread.sleep(200); // the agent is still starting
        }
        throw new IllegalStateException("the agent did not come online within 60 s:\n" + agent.lastLog());
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
