package io.minnow.agent.gpio;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The button's actions in the agent. Self-test: collects what is wrong now (no model, broker not connected,
 * board health warnings, the serving model's own self_test when the agent runs from a model store), logs the
 * result, and keeps the LED on {@link AgentState#ERROR} after a failed check until a later one passes; it runs on
 * a thread of its own, since a model self-test takes a few generations. Roll back: hands over to the model
 * store's rollback; without a store (a test's fake model) it says in the log that there is nothing to roll
 * back. Thread-safe.
 */
public final class LocalButtonActions implements ButtonActions {
    private static final Logger LOG = LoggerFactory.getLogger(LocalButtonActions.class);

    private final Supplier<List<String>> problems;
    private final Optional<Runnable> rollback;
    // One self-test at a time; further presses queue behind it. The thread ends when idle.
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "minnow-button");
                t.setDaemon(true);
                return t;
            });
    private volatile boolean failed;
    private volatile int selfTests;
    private volatile int rollbacks;

    /**
     * @param problems what is wrong with the agent now, one sentence each; empty when all is well
     * @param rollback starts a rollback to the previous model (it returns at once); empty without a model store
     */
    public LocalButtonActions(Supplier<List<String>> problems, Optional<Runnable> rollback) {
        this.problems = problems;
        this.rollback = rollback;
    }

    @Override
    public void selfTest() {
        worker.execute(this::runSelfTest);
    }

    private synchronized void runSelfTest() {
        List<String> p = problems.get();
        failed = !p.isEmpty();
        selfTests++;
        if (failed) {
            LOG.warn("button: self-test failed: {}", String.join("; ", p));
        } else {
            LOG.info("button: self-test passed (model loaded and answering, broker connected, board healthy)");
        }
    }

    @Override
    public synchronized void rollback() {
        rollbacks++;
        if (rollback.isPresent()) {
            LOG.info("button: rolling back to the previous model");
            rollback.get().run();
        } else {
            LOG.warn("button: roll back asked for, but this agent runs without a model store; nothing changed");
        }
    }

    /** True after a failed self-test, until one passes. */
    public boolean failing() {
        return failed;
    }

    /** Self-tests finished since start. */
    public int selfTests() {
        return selfTests;
    }

    /** Roll-backs asked for since start. */
    public int rollbacks() {
        return rollbacks;
    }
}
