package io.minnow.agent.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minnow.config.board.BoardFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthMonitorTest {
    @TempDir
    Path root;
    private HealthMonitor monitor;

    @AfterEach
    void stop() {
        if (monitor != null) {
            monitor.stop();
        }
    }

    private Path write(String path, String text) throws Exception {
        Path p = root.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void gaugesFollowTheBoardAndAWarningRepublishesTheStatus() throws Exception {
        Path temp = write("/sys/class/thermal/thermal_zone0/temp", "50000\n");
        write("/sys/class/thermal/thermal_zone0/type", "cpu-thermal\n");
        write("/proc/meminfo", "MemTotal: 1000 kB\nMemAvailable: 500 kB\n");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        monitor = new HealthMonitor(new HealthReader(BoardFiles.under(root), Optional::empty, p -> Optional.empty(),
                root, HealthReaderTest.LIMITS), 20, registry);
        AtomicInteger changes = new AtomicInteger();
        monitor.onChange(changes::incrementAndGet);
        monitor.start();

        assertThat(registry.get("minnow.board.cpu.temperature").gauge().value()).isEqualTo(50.0);
        assertThat(registry.get("minnow.board.memory.available").gauge().value()).isEqualTo(512_000.0);
        assertThat(registry.find("minnow.board.throttled").gauge()).as("not reported by this board").isNull();
        assertThat(registry.find("minnow.board.disk.free").gauge()).isNull();
        assertThat(registry.get("minnow.board.warning").tag("warning", "hot").gauge().value()).isZero();
        int before = changes.get();

        Files.writeString(temp, "80125\n");
        await().until(() -> monitor.latest().warnings().contains(HealthWarning.HOT));
        assertThat(registry.get("minnow.board.cpu.temperature").gauge().value()).isEqualTo(80.125);
        assertThat(registry.get("minnow.board.warning").tag("warning", "hot").gauge().value()).isEqualTo(1.0);
        await().until(() -> changes.get() > before);
    }

    @Test
    void aDisabledMonitorNeverReads() {
        HealthMonitor off = HealthMonitor.forBoard(new io.minnow.config.HealthConfig(false, 1_000, 75, 10, 10), root,
                new SimpleMeterRegistry());
        off.start();
        assertThat(off.latest()).isEqualTo(BoardHealth.NONE);
        off.stop();
    }
}
