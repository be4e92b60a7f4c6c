package io.minnow.agent.gpio;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Plays the {@link BlinkPattern} of the agent's current state on the LED: every tick it reads the state,
 * restarts the pattern when the state changed, and sets the LED only when its level changes. Thread-safe:
 * ticks run on {@code timer}'s thread; {@link #shown()} may be read from any thread.
 */
final class StatusLed {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StatusLed.class);
    static final long TICK_MS = 50;

    private final AgentState.Source source;
    private final Consumer<Boolean> light;
    private final LongSupplier clockMs;
    private volatile AgentState shown;
    private long since; // only on the timer thread
    private Boolean lit; // only on the timer thread
    private boolean failedBefore; // only on the timer thread

    StatusLed(AgentState.Source source, Consumer<Boolean> light, LongSupplier clockMs) {
        this.source = source;
        this.light = light;
        this.clockMs = clockMs;
    }

    void start(ScheduledExecutorService timer) {
        timer.scheduleAtFixedRate(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                // A pin write that fails once (I/O error) must not stop the LED for good.
                if (!failedBefore) {
                    LOG.warn("status LED: {}", e.toString());
                    failedBefore = true;
                }
            }
        }, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** The state the LED shows now; null before the first tick. */
    AgentState shown() {
        return shown;
    }

    void tick() {
        long now = clockMs.getAsLong();
        AgentState state = source.current();
        if (state != shown) {
            shown = state;
            since = now;
        }
        boolean on = BlinkPattern.of(state).litAt(now - since);
        if (lit == null || on != lit) {
            lit = on;
            light.accept(on);
        }
    }
}
