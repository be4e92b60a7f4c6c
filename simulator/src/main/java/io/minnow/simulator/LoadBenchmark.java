package io.minnow.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minnow.agent.Agent;
import io.minnow.agent.ModelOpener;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import io.minnow.config.ModelBackend;
import io.minnow.config.ModelConfig;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import io.minnow.runtime.generate.TextSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Measures what the agent adds to the model: (1) the model's own throughput, called directly on as many
 * threads as the agent has workers; (2) the agent's overhead per request beyond model time, one device
 * with one request in flight; (3) throughput with many closed-loop virtual devices, with every reply
 * accounted for. Everything runs on this machine: a Mosquitto broker on loopback, the agent in process.
 */
@Command(name = "load-benchmark", mixinStandardHelpOptions = true,
        description = "Agent overhead and saturation throughput against the model's own throughput.")
public final class LoadBenchmark implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "the .minnow bundle to serve")
    private Path model;

    @Option(names = "--backend", defaultValue = "auto", description = "auto, java or native")
    private String backend;

    @Option(names = "--workers", defaultValue = "1", description = "inference workers (and model sessions)")
    private int workers;

    @Option(names = "--devices", defaultValue = "200", description = "virtual devices for the saturation run")
    private int devices;

    @Option(names = "--max-tokens", defaultValue = "16", description = "completion tokens per request")
    private int maxTokens;

    @Option(names = "--latency-requests", defaultValue = "1000", description = "requests in the overhead run")
    private int latencyRequests;

    @Option(names = "--seconds", defaultValue = "20", description = "length of each throughput run")
    private int seconds;

    @Option(names = "--compare-acks", description = "run the agent twice per round, acknowledging requests on"
            + " arrival and after the reply (mqtt.ack_after_reply), two rounds, and print the ratio")
    private boolean compareAcks;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadBenchmark()).execute(args));
    }

    private String requestJson() {
        // Greedy, fixed length: every request costs the model the same, so rates compare.
        return "{\"prompt\":\"Pump 3 reports low pressure and a rattling noise. Likely cause:\","
                + "\"max_tokens\":" + maxTokens + ",\"temperature\":0,\"repeat_penalty\":1,\"deadline_ms\":600000}";
    }

    @Override
    public Integer call() throws Exception {
        ModelConfig modelConfig = new ModelConfig(Optional.of(model), ModelBackend.valueOf(backend.toUpperCase(java.util.Locale.ROOT)), 1);
        double before = modelOwnThroughput(modelConfig);
        // Both acknowledgement modes in the same run, alternating, so machine load hits both alike.
        Map<Boolean, List<Double>> rates = new java.util.TreeMap<>();
        Path dir = Files.createTempDirectory("minnow-bench");
        try (MosquittoProcess broker = MosquittoProcess.start(dir)) {
            for (int round = 0; round < (compareAcks ? 2 : 1); round++) {
                for (boolean ackAfterReply : compareAcks ? List.of(false, true) : List.of(true)) {
                    System.out.printf("--- mqtt.ack_after_reply: %s ---%n", ackAfterReply);
                    DeviceConfig config = ConfigLoader.parse("""
                            device_id: bench
                            mqtt: {broker_url: "%s", version: "5", ack_after_reply: %s}
                            scheduler: {workers: %d, queue_size: %d, max_queued_per_client: 4}
                            web: {enabled: false}
                            """.formatted(broker.url(), ackAfterReply, workers, Math.max(devices * 2, 64)), "benchmark");
                    Agent agent = Agent.create(config, model.toString(),
                            () -> ModelOpener.open(model, modelConfig, workers), new SimpleMeterRegistry());
                    agent.start();
                    try {
                        overhead(broker.url());
                        rates.computeIfAbsent(ackAfterReply, k -> new ArrayList<>()).add(saturation(broker.url()));
                    } finally {
                        agent.stop();
                    }
                }
            }
        }
        double[] measured = {rates.get(true).stream().mapToDouble(Double::doubleValue).average().orElseThrow()};
        if (compareAcks) {
            double onArrival = rates.get(false).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            System.out.printf("ack after reply / ack on arrival = %.3f (saturation requests/s %s vs %s)%n",
                    measured[0] / onArrival, rates.get(true), rates.get(false));
        }
        // The model alone is measured before and after, because other work on the machine changes its speed.
        double after = modelOwnThroughput(modelConfig);
        System.out.printf("ratio            : agent at saturation / model alone = %.3f (model alone %.1f before,"
                + " %.1f after, requests/s; load average %.1f on %d cores)%n", measured[0] / ((before + after) / 2),
                before, after, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        return 0;
    }

    /** Requests per second the model completes when called directly on {@code workers} threads. */
    private double modelOwnThroughput(ModelConfig modelConfig) throws Exception {
        try (Generator g = ModelOpener.open(model, modelConfig, workers)) {
            // The options the agent builds from requestJson(): defaults, with temperature 0 and no repeat penalty.
            SamplingOptions d = SamplingOptions.DEFAULT;
            SamplingOptions greedy = new SamplingOptions(maxTokens, 0f, d.topK(), d.topP(), d.minP(), 1f,
                    OptionalLong.empty(), List.of());
            PromptInput prompt = new PromptInput.Text("Pump 3 reports low pressure and a rattling noise. Likely cause:");
            for (int i = 0; i < 200; i++) {
                g.generate(GenerationRequest.of(prompt, greedy), TextSink.NONE); // warm-up
            }
            LongAdder done = new LongAdder();
            LongAdder tokens = new LongAdder();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> threads = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int w = 0; w < workers; w++) {
                Thread t = new Thread(() -> {
                    try {
                        while (System.nanoTime() < end) {
                            tokens.add(g.generate(GenerationRequest.of(prompt, greedy), TextSink.NONE).completionTokens());
                            done.increment();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double rate = done.sum() / s;
            System.out.printf("model alone      : %d workers, %.1f requests/s, %.0f tokens/s, %.2f ms/request%n",
                    workers, rate, tokens.sum() / s, 1000.0 * workers / rate);
            return rate;
        }
    }

    /** One device, one request in flight: round trip and agent time beyond the model's own time. */
    private void overhead(String brokerUrl) throws Exception {
        Histogram endToEnd = new Histogram(3);
        Histogram inAgent = new Histogram(3);
        int warmup = Math.min(500, latencyRequests);
        AtomicLong seen = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(1);
        List<String> failures = new ArrayList<>();
        VirtualDevice[] device = new VirtualDevice[1];
        device[0] = new VirtualDevice(brokerUrl, "lat-0", "minnow/bench/request", requestJson(), o -> {
            long n = seen.incrementAndGet();
            if (!o.type().equals("final")) {
                failures.add(o.code());
            } else if (n > warmup) {
                JsonNode t = o.reply().path("timings_ms");
                long model = VirtualDevice.millisToNanos(t.path("model").asDouble());
                endToEnd.recordValue(Math.max(0, o.roundTripNanos() - model));
                inAgent.recordValue(Math.max(0, VirtualDevice.millisToNanos(t.path("total").asDouble()) - model));
            }
            if (n == warmup + latencyRequests) {
                device[0].stop();
                finished.countDown();
            }
        });
        device[0].start();
        finished.await(10, TimeUnit.MINUTES);
        device[0].close();
        System.out.printf("overhead (1 device, %d requests after %d warm-up), beyond model time:%n", latencyRequests, warmup);
        System.out.printf("  end to end (device -> broker -> agent -> broker -> device): p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                endToEnd.getValueAtPercentile(50) / 1e6, endToEnd.getValueAtPercentile(99) / 1e6, endToEnd.getMaxValue() / 1e6);
        System.out.printf("  inside the agent (arrival -> reply handed to the MQTT client, minus the model call): p50 %.3f ms, p99 %.3f ms%n",
                inAgent.getValueAtPercentile(50) / 1e6, inAgent.getValueAtPercentile(99) / 1e6);
        System.out.printf("  errors: %s%n", failures.isEmpty() ? "none" : failures);
    }

    /** Closed-loop devices for a fixed time; every request must get exactly one final reply. */
    private double saturation(String brokerUrl) throws Exception {
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        LongAdder tokens = new LongAdder();
        Recorder latency = new Recorder(3);
        List<VirtualDevice> fleet = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            fleet.add(new VirtualDevice(brokerUrl, "dev-" + i, i % 2 == 0 ? "minnow/bench/request" : "minnow/pool/request",
                    requestJson(), o -> {
                        outcomes.computeIfAbsent(o.type().equals("final") ? "final" : o.code(), k -> new LongAdder()).increment();
                        latency.recordValue(Math.max(0, o.roundTripNanos()));
                        tokens.add(o.reply().path("usage").path("completion_tokens").asLong());
                    }));
        }
        for (VirtualDevice d : fleet) {
            d.start();
        }
        long warmEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < warmEnd) {
            Thread.sleep(100); // let the queue fill before measuring
        }
        long before = outcomes.getOrDefault("final", new LongAdder()).sum();
        long tokensBefore = tokens.sum();
        latency.reset();
        long t0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long after = outcomes.getOrDefault("final", new LongAdder()).sum();
        long tokensAfter = tokens.sum();
        double s = (System.nanoTime() - t0) / 1e9;
        Histogram h = latency.getIntervalHistogram();
        for (VirtualDevice d : fleet) {
            d.stop();
        }
        long drainEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (fleet.stream().anyMatch(d -> d.outstanding() > 0) && System.nanoTime() < drainEnd) {
            Thread.sleep(50); // the last requests of each device are still being answered
        }
        long lost = fleet.stream().mapToLong(VirtualDevice::outstanding).sum();
        double rate = (after - before) / s;
        System.out.printf("saturation (%d devices, closed loop, %d s): %.1f requests/s, %.0f tokens/s%n",
                devices, seconds, rate, (tokensAfter - tokensBefore) / s);
        System.out.printf("  round trip: p50 %.1f ms, p99 %.1f ms; outcomes %s; unanswered after the run: %d%n",
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6, outcomes, lost);
        for (VirtualDevice d : fleet) {
            d.close();
        }
        return rate;
    }
}
