package io.minnow.agent.schedule;

/** What {@link InferenceScheduler#submit} did with a piece of work. */
public enum Admission {
    /** Queued; it will be run, expired or cancelled. */
    ACCEPTED,
    /** Refused: the queue is full. */
    QUEUE_FULL,
    /** Refused: this client already has its share of the queue. */
    CLIENT_QUOTA,
    /** Refused: the scheduler is stopping or stopped. */
    STOPPING
}
