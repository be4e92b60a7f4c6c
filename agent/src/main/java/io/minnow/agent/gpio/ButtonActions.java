package io.minnow.agent.gpio;

/**
 * What the board's button does. Both run on the button's own thread, never on a GPIO event thread; an
 * implementation that takes long should hand the work on. Implementations are thread-safe.
 */
public interface ButtonActions {

    /** A short press: check the agent and show the result on the LED. */
    void selfTest();

    /** A long press: go back to the previous model. */
    void rollback();
}
