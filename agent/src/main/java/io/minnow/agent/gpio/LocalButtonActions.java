package io.minnow.agent.gpio;

import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The button's actions with what this agent has today. Self-test: checks that a model is loaded, the
 * broker link is up and the board reports no health warning, logs the result, and keeps the LED on
 * {@link AgentState#ERROR} after a failed check until a later one passes. Roll back: there is no model store
 * to roll back in yet, so it says so in the log; the model store's rollback replaces it (see the board note).
 * Thread-safe.
 */
public final class LocalButtonActions implements ButtonActions {
    private static final Logger LOG = LoggerFactory.getLogger(LocalButtonActions.class);

    private final Supplier<List<String>> problems;
    private volatile boolean failed;
    private volatile int selfTests;
    private volatile int rollbacks;

    /** @param problems what is wrong with the agent now, one sentence each; empty when all is well */
    public LocalButtonActions(Supplier<List<String>> problems) {
        this.problems = problems;
    }

    @Override
    public synchronized void selfTest() {
        List<String> p = problems.get();
        failed = !p.isEmpty();
        selfTests++;
        if (failed) {
            LOG.warn("button: self-test failed: {}", String.join("; ", p));
        } else {
            LOG.info("button: self-test passed (model loaded, broker connected, board healthy)");
        }
    }

    @Override
    public synchronized void rollback() {
        rollbacks++;
        LOG.warn("button: roll back asked for, but this agent has no model store to roll back in; nothing changed");
    }

    /** True after a failed self-test, until one passes. */
    public boolean failing() {
        return failed;
    }

    /** Self-tests run since start. */
    public int selfTests() {
        return selfTests;
    }

    /** Roll-backs asked for since start. */
    public int rollbacks() {
        return rollbacks;
    }
}
