package io.minnow.agent.health;

import io.minnow.config.HealthConfig;
import io.minnow.config.board.BoardFiles;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes one {@link BoardHealth} sample from Linux's pseudo-files: thermal zones, the Raspberry Pi firmware's
 * throttling flags, {@code /proc/meminfo}, {@code /proc/loadavg}, and the free space of the models' filesystem.
 * Everything is read through {@link BoardFiles}, so tests feed recorded board layouts. Thread-safe if its
 * sources are.
 */
public final class HealthReader {
    /** Thermal zone types that are the CPU (Raspberry Pi, other ARM boards, Intel). */
    private static final List<String> CPU_ZONES = List.of("cpu-thermal", "cpu_thermal", "soc-thermal", "soc_thermal",
            "x86_pkg_temp");
    /** Where Raspberry Pi kernels expose the firmware's get_throttled value (hex, without 0x). */
    static final List<String> THROTTLED_FILES = List.of("/sys/devices/platform/soc/soc:firmware/get_throttled",
            "/sys/devices/platform/soc@107c000000/soc@107c000000:firmware/get_throttled");
    private static final Pattern VCGENCMD = Pattern.compile("throttled=0x([0-9a-fA-F]+)");
    private static final int UNDER_VOLTAGE_NOW = 0x1;
    private static final int THROTTLED_NOW = 0x2 | 0x4 | 0x8;

    private final BoardFiles board;
    private final Supplier<Optional<String>> vcgencmd;
    private final DiskProbe disk;
    private final Path modelsDir;
    private final HealthConfig limits;

    /** Free and total bytes of the filesystem holding a path; empty if it cannot be asked. */
    @FunctionalInterface
    public interface DiskProbe {
        Optional<BoardHealth.Disk> space(Path path);

        /** The real filesystem's numbers, through {@link FileStore}. */
        static DiskProbe fileStore() {
            return path -> {
                try {
                    FileStore s = Files.getFileStore(path);
                    return Optional.of(new BoardHealth.Disk(s.getTotalSpace(), s.getUsableSpace()));
                } catch (IOException | SecurityException e) {
                    return Optional.empty(); // not there yet (no store created): no disk reading this time
                }
            };
        }
    }

    /**
     * @param vcgencmd the output of {@code vcgencmd get_throttled}, asked only where no sysfs file gives the
     *     flags; empty where the command does not exist
     * @param modelsDir the directory whose filesystem's free space is reported
     */
    public HealthReader(BoardFiles board, Supplier<Optional<String>> vcgencmd, DiskProbe disk, Path modelsDir,
            HealthConfig limits) {
        this.board = board;
        this.vcgencmd = vcgencmd;
        this.disk = disk;
        this.modelsDir = modelsDir;
        this.limits = limits;
    }

    public BoardHealth sample() {
        OptionalDouble temp = cpuTemperature();
        OptionalInt flags = throttleFlags();
        Optional<BoardHealth.Memory> memory = memory();
        Optional<BoardHealth.Load> load = load();
        Optional<BoardHealth.Disk> space = disk.space(modelsDir);
        Set<HealthWarning> warnings = EnumSet.noneOf(HealthWarning.class);
        if (temp.isPresent() && temp.getAsDouble() >= limits.hotC()) {
            warnings.add(HealthWarning.HOT);
        }
        if (flags.isPresent() && (flags.getAsInt() & UNDER_VOLTAGE_NOW) != 0) {
            warnings.add(HealthWarning.UNDER_VOLTAGE);
        }
        if (flags.isPresent() && (flags.getAsInt() & THROTTLED_NOW) != 0) {
            warnings.add(HealthWarning.THROTTLED);
        }
        if (space.isPresent() && space.get().totalBytes() > 0
                && space.get().freeBytes() * 100 <= space.get().totalBytes() * limits.diskLowPercent()) {
            warnings.add(HealthWarning.DISK_LOW);
        }
        if (memory.isPresent() && memory.get().totalBytes() > 0
                && memory.get().availableBytes() * 100 <= memory.get().totalBytes() * limits.memoryLowPercent()) {
            warnings.add(HealthWarning.MEMORY_LOW);
        }
        return new BoardHealth(temp, flags, memory, load, space, warnings);
    }

    /** The CPU zone's temperature, else the first zone that reads; millidegrees in the file. */
    OptionalDouble cpuTemperature() {
        OptionalDouble first = OptionalDouble.empty();
        for (String zone : board.list("/sys/class/thermal")) {
            if (!zone.startsWith("thermal_zone")) {
                continue;
            }
            String dir = "/sys/class/thermal/" + zone;
            OptionalDouble t = board.read(dir + "/temp").flatMap(HealthReader::parseLong)
                    .map(m -> OptionalDouble.of(m / 1000.0)).orElse(OptionalDouble.empty());
            if (t.isEmpty()) {
                continue;
            }
            if (board.read(dir + "/type").filter(CPU_ZONES::contains).isPresent()) {
                return t;
            }
            if (first.isEmpty()) {
                first = t;
            }
        }
        return first;
    }

    OptionalInt throttleFlags() {
        for (String f : THROTTLED_FILES) {
            Optional<String> v = board.read(f);
            if (v.isPresent() && v.get().matches("(0x)?[0-9a-fA-F]+")) {
                return OptionalInt.of(Integer.parseUnsignedInt(v.get().replaceFirst("^0x", ""), 16));
            }
        }
        Optional<String> out = vcgencmd.get();
        if (out.isPresent()) {
            Matcher m = VCGENCMD.matcher(out.get());
            if (m.find()) {
                return OptionalInt.of(Integer.parseUnsignedInt(m.group(1), 16));
            }
        }
        return OptionalInt.empty();
    }

    Optional<BoardHealth.Memory> memory() {
        Optional<String> info = board.read("/proc/meminfo");
        if (info.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> total = meminfo(info.get(), "MemTotal");
        Optional<Long> available = meminfo(info.get(), "MemAvailable");
        if (total.isEmpty() || available.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new BoardHealth.Memory(total.get() * 1024, available.get() * 1024));
    }

    Optional<BoardHealth.Load> load() {
        Optional<String> text = board.read("/proc/loadavg");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String[] f = text.get().trim().split("\\s+");
        try {
            return f.length < 3 ? Optional.empty() : Optional.of(new BoardHealth.Load(Double.parseDouble(f[0]),
                    Double.parseDouble(f[1]), Double.parseDouble(f[2])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> meminfo(String text, String key) {
        Matcher m = Pattern.compile("(?m)^" + key + ":\\s+(\\d+) kB").matcher(text);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
