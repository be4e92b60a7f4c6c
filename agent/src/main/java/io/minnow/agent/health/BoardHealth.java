package io.minnow.agent.health;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One sample of the board's health. Every reading is optional: absent where the board does not report it
 * (no thermal zone in a container, no throttling flags off a Raspberry Pi). Immutable.
 *
 * @param cpuTempC CPU temperature in degrees Celsius
 * @param throttleFlags the Raspberry Pi firmware's throttling bits ({@code vcgencmd get_throttled}): bit 0
 *     under-voltage now, 1 frequency capped now, 2 throttled now, 3 soft temperature limit now; bits 16-19 the
 *     same since boot
 * @param memory memory in bytes
 * @param load run-queue load averages over 1, 5 and 15 minutes
 * @param disk space in bytes on the filesystem that holds the models
 * @param warnings conditions past the configured limits
 */
public record BoardHealth(OptionalDouble cpuTempC, OptionalInt throttleFlags, Optional<Memory> memory,
        Optional<Load> load, Optional<Disk> disk, Set<HealthWarning> warnings) {

    public record Memory(long totalBytes, long availableBytes) {}

    public record Load(double oneMinute, double fiveMinutes, double fifteenMinutes) {}

    public record Disk(long totalBytes, long freeBytes) {}

    public static final BoardHealth NONE = new BoardHealth(OptionalDouble.empty(), OptionalInt.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Set.of());

    public BoardHealth {
        Objects.requireNonNull(cpuTempC, "cpuTempC");
        Objects.requireNonNull(throttleFlags, "throttleFlags");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(load, "load");
        Objects.requireNonNull(disk, "disk");
        warnings = Set.copyOf(warnings);
    }

    /** Under-voltage has been seen since boot (bit 16), even if it is fine now. */
    public boolean underVoltageSinceBoot() {
        return throttleFlags.isPresent() && (throttleFlags.getAsInt() & 0x10000) != 0;
    }

    /** Free memory as a whole percentage, if known. */
    public OptionalLong memoryAvailablePercent() {
        return memory.filter(m -> m.totalBytes() > 0)
                .map(m -> OptionalLong.of(m.availableBytes() * 100 / m.totalBytes())).orElse(OptionalLong.empty());
    }
}
