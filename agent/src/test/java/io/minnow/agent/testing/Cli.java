package io.minnow.agent.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the Mosquitto command-line clients as real processes. */
public final class Cli {
    private Cli() {}

    /** What a finished command printed. */
    public record Result(int exit, String out, String err) {}

    /** Runs {@code command} to completion (or kills it after {@code timeout}). */
    public static Result run(Duration timeout, String... command) throws IOException, InterruptedException {
        Process p = start(command);
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    public static Process start(String... command) throws IOException {
        return new ProcessBuilder(List.of(command)).start();
    }
}
