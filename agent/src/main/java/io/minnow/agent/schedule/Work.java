package io.minnow.agent.schedule;

/**
 * One unit of inference work as the scheduler sees it. Exactly one of {@link #run}, {@link #expire} or
 * {@link #cancel} is called for work that was admitted, each at most once; each must answer the requester.
 */
public interface Work {

    /** Who asked; work of one client never starves another's. */
    String client();

    /** Higher runs first. */
    int priority();

    /** The {@link System#nanoTime()} instant after which the work must not start. */
    long deadlineNanos();

    /** Runs the work on an inference worker thread. */
    void run();

    /** The deadline passed before a worker was free; called instead of {@link #run}. */
    void expire();

    /**
     * The agent is stopping: queued work is told so; running work is asked to stop soon (its {@link #run}
     * still returns and answers). Called on the stopping thread; must not block.
     */
    void cancel(String reason);
}
