package io.minnow.agent.web.page;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads the board's health for the dashboard: heap, resident memory ({@code /proc/self/status}), CPU load,
 * CPU temperature ({@code /sys/class/thermal}, where the board has one) and free disk in the model store.
 * Every reading is optional: what a machine does not offer is left out. Thread-safe.
 */
final class SystemProbe {
    private final Path proc;
    private final Path thermal;
    private final Path store;

    /**
     * @param proc {@code /proc} (a test points it elsewhere)
     * @param thermal {@code /sys/class/thermal}
     * @param store the directory whose file system holds the models
     */
    SystemProbe(Path proc, Path thermal, Path store) {
        this.proc = proc;
        this.thermal = thermal;
        this.store = store;
    }

    void fill(ObjectNode out) {
        Runtime rt = Runtime.getRuntime();
        ObjectNode memory = out.putObject("memory").put("heap_used_bytes", rt.totalMemory() - rt.freeMemory())
                .put("heap_max_bytes", rt.maxMemory());
        rssBytes().ifPresent(v -> memory.put("rss_bytes", v));
        ObjectNode cpu = out.putObject("cpu").put("cores", rt.availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double process = os.getProcessCpuLoad();
            double system = os.getCpuLoad();
            if (process >= 0) {
                cpu.put("process_load", process);
            }
            if (system >= 0) {
                cpu.put("system_load", system);
            }
        }
        double avg = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (avg >= 0) {
            cpu.put("load_average", avg);
        }
        temperatureCelsius().ifPresent(t -> cpu.put("temperature_c", t));
        try {
            out.putObject("disk").put("free_bytes", Files.getFileStore(store).getUsableSpace()).put("path", store.toString());
        } catch (IOException e) {
            out.putObject("disk").put("error", e.getMessage());
        }
    }

    OptionalLong rssBytes() {
        try {
            for (String line : Files.readAllLines(proc.resolve("self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or no /proc: the dashboard leaves RSS out
        }
        return OptionalLong.empty();
    }

    /** The first thermal zone whose type names the CPU or SoC, else the first zone. */
    OptionalDouble temperatureCelsius() {
        if (!Files.isDirectory(thermal)) {
            return OptionalDouble.empty();
        }
        OptionalDouble first = OptionalDouble.empty();
        try (DirectoryStream<Path> zones = Files.newDirectoryStream(thermal, "thermal_zone*")) {
            for (Path zone : zones) {
                OptionalDouble t = readMilliCelsius(zone.resolve("temp"));
                if (t.isEmpty()) {
                    continue;
                }
                String type = Files.exists(zone.resolve("type")) ? Files.readString(zone.resolve("type")).strip() : "";
                if (type.contains("cpu") || type.contains("soc") || type.contains("x86_pkg")) {
                    return t;
                }
                if (first.isEmpty()) {
                    first = t;
                }
            }
        } catch (IOException e) {
            return first;
        }
        return first;
    }

    private static OptionalDouble readMilliCelsius(Path file) {
        try {
            return OptionalDouble.of(Long.parseLong(Files.readString(file).strip()) / 1000.0);
        } catch (IOException | NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
