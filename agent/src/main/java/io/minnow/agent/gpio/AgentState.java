package io.minnow.agent.gpio;

import java.util.function.BooleanSupplier;

/**
 * What the status LED shows, most urgent first: an update is being applied, the agent cannot answer (no
 * model, or the last self-test failed), the broker is unreachable, requests are running or waiting, or all is
 * well and quiet.
 */
public enum AgentState {
    UPDATING,
    ERROR,
    OFFLINE,
    BUSY,
    IDLE;

    /** Where the LED reads the agent's state from; thread-safe, called every LED tick. */
    @FunctionalInterface
    public interface Source {
        AgentState current();
    }

    /**
     * The state from the agent's parts, in the order above.
     *
     * @param updating true while a model update is applied
     * @param failing true while the agent cannot answer (no model loaded, failed self-test)
     * @param connected true while the broker link is up
     * @param busy true while requests run or wait
     */
    public static Source from(BooleanSupplier updating, BooleanSupplier failing, BooleanSupplier connected,
            BooleanSupplier busy) {
        return () -> {
            if (updating.getAsBoolean()) {
                return UPDATING;
            }
            if (failing.getAsBoolean()) {
                return ERROR;
            }
            if (!connected.getAsBoolean()) {
                return OFFLINE;
            }
            return busy.getAsBoolean() ? BUSY : IDLE;
        };
    }
}
