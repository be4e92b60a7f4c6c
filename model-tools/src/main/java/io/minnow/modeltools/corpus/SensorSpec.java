package io.minnow.modeltools.corpus;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One sensor of the device, as the manual's telemetry table gives it. Limits are in the sensor's unit; a
 * side without a limit is {@code NaN}. Normal limits are inclusive (a reading equal to one is OK); a
 * reading at or beyond a critical limit is CRITICAL. Immutable.
 */
public record SensorSpec(
        String name,
        String unit,
        int decimals,
        double rangeMin,
        double rangeMax,
        double criticalLow,
        double normalLow,
        double normalHigh,
        double criticalHigh) {

    /** Which side of the normal range a reading left. */
    public enum Direction { LOW, HIGH }

    /** Why a reading is not OK: the side, the severity and the limit that was crossed. */
    public record Deviation(SensorSpec sensor, double value, Direction direction, Severity severity, double limit) {
        /** The reason as a status line writes it, e.g. {@code motor_temp high 86 C (limit 80)}. */
        public String describe() {
            return sensor.name() + " " + direction.name().toLowerCase(Locale.ROOT) + " " + sensor.format(value)
                    + " " + sensor.unit() + " (limit " + sensor.format(limit) + ")";
        }
    }

    public SensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("sensor name must be lower-case letters and '_', got '" + name + "'");
        }
        if (decimals < 0 || decimals > 2) {
            throw new IllegalArgumentException("sensor " + name + ": decimals must be 0..2, got " + decimals);
        }
        if (!(rangeMin < rangeMax)) {
            throw new IllegalArgumentException("sensor " + name + ": measured range " + rangeMin + ".." + rangeMax + " is empty");
        }
        if (Double.isNaN(normalLow) && Double.isNaN(normalHigh)) {
            throw new IllegalArgumentException("sensor " + name + " needs a normal low or a normal high limit");
        }
        requireOrdered(name, criticalLow, normalLow, "critical low", "normal low");
        requireOrdered(name, normalLow, normalHigh, "normal low", "normal high");
        requireOrdered(name, normalHigh, criticalHigh, "normal high", "critical high");
        if (!Double.isNaN(criticalLow) && Double.isNaN(normalLow) || !Double.isNaN(criticalHigh) && Double.isNaN(normalHigh)) {
            throw new IllegalArgumentException("sensor " + name + ": a critical limit needs the normal limit on its side");
        }
    }

    private static void requireOrdered(String name, double a, double b, String aName, String bName) {
        if (!Double.isNaN(a) && !Double.isNaN(b) && !(a < b)) {
            throw new IllegalArgumentException("sensor " + name + ": " + aName + " " + a + " must be below " + bName + " " + b);
        }
    }

    /** The deviation of {@code value} from the normal range, or empty when it is OK. */
    public Optional<Deviation> assess(double value) {
        if (!Double.isNaN(normalLow) && value < normalLow) {
            boolean critical = !Double.isNaN(criticalLow) && value <= criticalLow;
            return Optional.of(new Deviation(this, value, Direction.LOW,
                    critical ? Severity.CRITICAL : Severity.WARN, critical ? criticalLow : normalLow));
        }
        if (!Double.isNaN(normalHigh) && value > normalHigh) {
            boolean critical = !Double.isNaN(criticalHigh) && value >= criticalHigh;
            return Optional.of(new Deviation(this, value, Direction.HIGH,
                    critical ? Severity.CRITICAL : Severity.WARN, critical ? criticalHigh : normalHigh));
        }
        return Optional.empty();
    }

    /** The value as telemetry writes it: fixed decimals, a decimal point whatever the locale. */
    public String format(double value) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** One step of the sensor's resolution, e.g. 0.1 for one decimal. */
    public double step() {
        return Math.pow(10, -decimals);
    }
}
