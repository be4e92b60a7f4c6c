package io.minnow.agent.health;

import java.util.Locale;

/** A board condition a technician should act on; its wire name is the lower-case enum name. */
public enum HealthWarning {
    /** CPU temperature at or above {@code health.hot_c}. */
    HOT,
    /** The supply voltage is too low now (Raspberry Pi: below about 4.63 V); answers slow down or the board resets. */
    UNDER_VOLTAGE,
    /** The CPU is throttled or frequency-capped now (heat or power). */
    THROTTLED,
    /** Free space where models are stored at or below {@code health.disk_low_percent}. */
    DISK_LOW,
    /** Available memory at or below {@code health.memory_low_percent}. */
    MEMORY_LOW;

    /** {@code hot}, {@code under_voltage}, ... as in the status topic. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
