package io.minnow.agent.ota;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minnow.agent.Main;
import io.minnow.agent.testing.Cli;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.ota.keys.KeyFiles;
import io.minnow.ota.store.CrashPoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real agent ({@link Main}) in a child JVM, on a real broker, with a model store in a test directory.
 * Not thread-safe.
 */
final class AgentProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Path config;
    final Path stateDir;
    private final Mosquitto broker;
    private final String device;
    private Process process;
    private int starts;

    /** Writes the configuration: first install {@code firstModel}, health window {@code windowMs}. */
    AgentProcess(Path dir, Mosquitto broker, String device, Path firstModel, PublicKey root, long windowMs)
            throws IOException {
        this.dir = dir;
        this.broker = broker;
        this.device = device;
        this.stateDir = dir.resolve("state");
        Path rootFile = dir.resolve("root.pub");
        KeyFiles.writePublic(rootFile, root);
        config = Files.writeString(dir.resolve("agent.yaml"), """
                device_id: %s
                mqtt: {broker_url: "%s", version: "5", keep_alive_s: 5}
                web: {enabled: false}
                model: {path: "%s", threads: 1}
                scheduler: {workers: 1, queue_size: 200, max_queued_per_client: 200}
                web: {enabled: false}
                ota:
                  state_dir: "%s"
                  root_key_file: "%s"
                  health: {window_ms: %d, min_requests: 3, max_error_rate: 0.25, max_latency_ratio: 50}
                """.formatted(device, broker.url(), firstModel.toAbsolutePath(), stateDir, rootFile, windowMs));
    }

    /** Starts the agent, halting at {@code crashAt} if given, and waits until it says online. */
    AgentProcess start(Optional<CrashPoint> crashAt) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules=jdk.incubator.vector", "-Xss4m"));
        crashAt.ifPresent(p -> cmd.add("-D" + CrashPoint.PROPERTY + "=" + p.label()));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config", config.toString()));
        Path log = dir.resolve("agent-" + (++starts) + ".log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> !process.isAlive() || "online".equals(status().path("state").asText()));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the agent did not come online; log:\n" + Files.readString(log), e);
        }
        if (!process.isAlive()) {
            throw new AssertionError("the agent exited with " + process.exitValue() + "; log:\n" + Files.readString(log));
        }
        return this;
    }

    /** The retained status, waiting up to 5 s for it. */
    JsonNode status() throws Exception {
        Cli.Result r = Cli.run(Duration.ofSeconds(10), "mosquitto_sub", "-h", "127.0.0.1", "-p",
                Integer.toString(broker.port()), "-t", "minnow/" + device + "/status", "-C", "1", "-W", "5");
        return r.out().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.out());
    }

    /** Waits for the process to end on its own (a crash point), returning its exit status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the agent did not halt within " + timeout);
        }
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("agent-" + starts + ".log"));
    }

    /** SIGKILL. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
