package io.minnow.agent.gpio;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Turns a button's raw edges into presses. Debounce: after any edge the level must stay put for
 * {@code debounceMs} before it is read and counted, so contact bounce on press or release makes one press.
 * A press released before {@code longPressMs} is a short press (acted on at release); one still held at
 * {@code longPressMs} is a long press (acted on then, so the technician sees the LED react while holding).
 * Thread-safe: {@link #edge()} may be called from any thread; actions run on {@code timer}'s thread.
 */
final class ButtonLogic {
    private final BooleanSupplier pressed;
    private final ScheduledExecutorService timer;
    private final long debounceMs;
    private final long longPressMs;
    private final ButtonActions actions;
    private ScheduledFuture<?> settle; // guarded by this
    private ScheduledFuture<?> longPress; // guarded by this
    private boolean down; // guarded by this: the debounced level
    private boolean longFired; // guarded by this

    /** @param pressed reads the pin now, already turned into "pressed" for active-low or active-high wiring */
    ButtonLogic(BooleanSupplier pressed, ScheduledExecutorService timer, long debounceMs, long longPressMs,
            ButtonActions actions) {
        this.pressed = pressed;
        this.timer = timer;
        this.debounceMs = debounceMs;
        this.longPressMs = longPressMs;
        this.actions = actions;
    }

    /** The pin changed level (maybe a bounce); the level is read once it has settled. */
    synchronized void edge() {
        if (settle != null) {
            settle.cancel(false);
        }
        settle = timer.schedule(this::settled, debounceMs, TimeUnit.MILLISECONDS);
    }

    private void settled() {
        boolean now = pressed.getAsBoolean();
        boolean shortPress = false;
        synchronized (this) {
            if (now == down) {
                return; // bounced back to where it was: no press
            }
            down = now;
            if (down) {
                longFired = false;
                longPress = timer.schedule(this::held, longPressMs - debounceMs, TimeUnit.MILLISECONDS);
            } else {
                if (longPress != null) {
                    longPress.cancel(false);
                }
                shortPress = !longFired;
            }
        }
        if (shortPress) {
            actions.selfTest();
        }
    }

    private void held() {
        synchronized (this) {
            if (!down) {
                return;
            }
            longFired = true;
        }
        actions.rollback();
    }
}
