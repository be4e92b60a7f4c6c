package io.minnow.simulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The agent as a real process (this JVM's classpath, {@code io.minnow.agent.Main --config FILE}), so a fleet
 * run can stop it the way a power cut (SIGKILL) or an init system (SIGTERM) does and start it again. Each
 * start logs to its own {@code agent-N.log} in the run's directory. Not thread-safe.
 */
final class AgentProcess implements AutoCloseable {
    private final Path config;
    private final Path dir;
    private Process process;
    private int starts;

    AgentProcess(Path config, Path dir) {
        this.config = config;
        this.dir = dir;
    }

    void start() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(List.of(java.toString(), "--add-modules=jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), "io.minnow.agent.Main", "--config", config.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent-" + starts++ + ".log").toFile()).start();
    }

    /** SIGKILL: no drain, no clean disconnect; the broker publishes the agent's last will. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** SIGTERM: the agent drains and says offline; waits up to {@code timeoutS} for it to exit. */
    void terminate(long timeoutS) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeoutS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The newest log, for a report when something went wrong. */
    String lastLog() throws IOException {
        return Files.readString(dir.resolve("agent-" + (starts - 1) + ".log"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            terminate(15);
        }
    }
}
