package io.minnow.agent.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.agent.web.http.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemProbeTest {

    @Test
    void readsResidentMemoryAndTheCpuZoneTemperature(@TempDir Path dir) throws Exception {
        Path proc = Files.createDirectories(dir.resolve("proc/self"));
        Files.writeString(proc.resolve("status"), "Name:\tjava\nVmRSS:\t  123456 kB\nThreads:\t40\n");
        Path thermal = dir.resolve("thermal");
        Files.createDirectories(thermal.resolve("thermal_zone0"));
        Files.writeString(thermal.resolve("thermal_zone0/type"), "acpitz\n");
        Files.writeString(thermal.resolve("thermal_zone0/temp"), "27800\n");
        Files.createDirectories(thermal.resolve("thermal_zone1"));
        Files.writeString(thermal.resolve("thermal_zone1/type"), "cpu-thermal\n");
        Files.writeString(thermal.resolve("thermal_zone1/temp"), "48312\n");
        SystemProbe probe = new SystemProbe(dir.resolve("proc"), thermal, dir);
        ObjectNode out = Json.object();
        probe.fill(out);
        assertThat(out.at("/memory/rss_bytes").asLong()).isEqualTo(123456L * 1024);
        assertThat(out.at("/cpu/temperature_c").asDouble()).isEqualTo(48.312);
        assertThat(out.at("/disk/free_bytes").asLong()).isPositive();
        assertThat(out.at("/memory/heap_max_bytes").asLong()).isPositive();
    }

    @Test
    void leavesOutWhatTheMachineDoesNotOffer(@TempDir Path dir) {
        ObjectNode out = Json.object();
        new SystemProbe(dir.resolve("no-proc"), dir.resolve("no-thermal"), dir).fill(out);
        assertThat(out.at("/memory").has("rss_bytes")).isFalse();
        assertThat(out.at("/cpu").has("temperature_c")).isFalse();
    }
}
