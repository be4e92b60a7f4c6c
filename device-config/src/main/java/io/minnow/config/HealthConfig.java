package io.minnow.config;

/**
 * Board health sampling: CPU temperature, throttling, memory, load and disk, read every {@code intervalMs}
 * and turned into warnings past these limits.
 *
 * @param intervalMs milliseconds between samples
 * @param hotC a CPU temperature at or above this (degrees Celsius) is a {@code hot} warning; a Raspberry Pi
 *     starts throttling at 80-85
 * @param diskLowPercent free space in the model store at or below this percentage is a {@code disk_low} warning
 * @param memoryLowPercent available memory at or below this percentage is a {@code memory_low} warning
 */
public record HealthConfig(boolean enabled, long intervalMs, double hotC, int diskLowPercent, int memoryLowPercent) {

    static HealthConfig read(Section s) {
        boolean enabled = s.bool("enabled", true);
        long interval = s.integer("interval_s", 10, 1, 3_600);
        double hot = s.decimal("hot_c", 75, 30, 120);
        int disk = (int) s.integer("disk_low_percent", 10, 0, 99);
        int memory = (int) s.integer("memory_low_percent", 10, 0, 99);
        s.rejectUnknown();
        return new HealthConfig(enabled, interval * 1_000, hot, disk, memory);
    }
}
