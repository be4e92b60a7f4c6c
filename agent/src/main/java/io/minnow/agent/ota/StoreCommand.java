package io.minnow.agent.ota;

import io.minnow.config.ConfigException;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.ModelStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What the board's store commands share: the configuration that names the state directory, and waiting. */
abstract class StoreCommand {
    /** Exit status when the agent refused or undid the update. */
    static final int REFUSED = 1;
    /** Exit status when the configuration or the arguments are wrong. */
    static final int BAD_INPUT = 2;
    /** Exit status when no agent answered in time; the request stays queued. */
    static final int NO_ANSWER = 3;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "the agent's YAML configuration (its"
            + " ota.state_dir names the model store); default: the quickstart's ~/.minnow")
    Path config;

    @Spec
    CommandSpec spec;

    Path stateDir() throws ConfigException {
        DeviceConfig c = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
        return c.ota().stateDir();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** True if an agent holds the store's lock now. */
    static boolean agentRunning(Path stateDir) throws IOException {
        Path lock = stateDir.resolve("lock");
        if (!Files.exists(lock)) {
            return false;
        }
        try (FileChannel c = FileChannel.open(lock, StandardOpenOption.WRITE); FileLock l = c.tryLock()) {
            return l == null;
        }
    }

    /** Waits until attempt {@code id} serves, or ended, or {@code wait} passed. */
    static Optional<Attempt> await(Path stateDir, String id, Duration wait) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            for (Attempt a : ModelStore.snapshot(stateDir).attempts()) {
                if (a.id().equals(id) && a.outcome() != Attempt.Outcome.IN_PROGRESS) {
                    return Optional.of(a);
                }
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return Optional.empty();
    }

    /** Prints the attempt and returns the exit status: 0 if it serves, {@link #REFUSED} otherwise. */
    int report(Attempt a) {
        String code = a.code().map(c -> " " + c.wireName()).orElse("");
        String line = a.outcome().wireName() + code + ": " + a.message();
        if (a.outcome() == Attempt.Outcome.TRIAL || a.outcome() == Attempt.Outcome.ACTIVATED) {
            out().println(line);
            return 0;
        }
        err().println(line);
        a.code().ifPresent(c -> err().println("what to do: " + c.action()));
        return REFUSED;
    }
}
