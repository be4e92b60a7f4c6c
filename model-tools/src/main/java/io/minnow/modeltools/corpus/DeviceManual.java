package io.minnow.modeltools.corpus;

import java.util.List;
import java.util.Optional;

/** The parts of the device manual the corpus is generated from. Immutable. */
public record DeviceManual(
        List<SensorSpec> sensors,
        List<ErrorCode> errorCodes,
        List<MaintenanceFact> facts,
        List<LogCategory> logCategories) {

    public DeviceManual {
        sensors = List.copyOf(sensors);
        errorCodes = List.copyOf(errorCodes);
        facts = List.copyOf(facts);
        logCategories = List.copyOf(logCategories);
        requireNonEmpty(sensors, "sensors");
        requireNonEmpty(errorCodes, "error codes");
        requireNonEmpty(facts, "maintenance");
        requireNonEmpty(logCategories, "log categories");
    }

    private static void requireNonEmpty(List<?> rows, String section) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("the manual's " + section + " table has no rows");
        }
    }

    public Optional<LogCategory> logCategory(String name) {
        return logCategories.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
