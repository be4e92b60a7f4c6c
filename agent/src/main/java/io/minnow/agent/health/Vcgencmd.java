package io.minnow.agent.health;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs Raspberry Pi's {@code vcgencmd get_throttled} where the tool is installed, for kernels that do not
 * expose the flags in sysfs. Thread-safe.
 */
public final class Vcgencmd implements Supplier<Optional<String>> {
    private static final List<Path> LOCATIONS = List.of(Path.of("/usr/bin/vcgencmd"), Path.of("/opt/vc/bin/vcgencmd"));
    private static final long TIMEOUT_MS = 2_000;

    private final Optional<Path> tool = LOCATIONS.stream().filter(Files::isExecutable).findFirst();

    @Override
    public Optional<String> get() {
        if (tool.isEmpty()) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder(tool.get().toString(), "get_throttled").redirectErrorStream(true).start();
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0
                    ? Optional.of(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // the firmware interface is not reachable (no /dev/vchiq access): no flags
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
