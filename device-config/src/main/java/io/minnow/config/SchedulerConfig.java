package io.minnow.config;

/**
 * How inference work is queued and run.
 *
 * @param workers generations that run at the same time (the inference pool size)
 * @param queueSize requests waiting for a worker; one more is answered {@code busy}
 * @param maxQueuedPerClient requests one client may have waiting; more are answered {@code busy}, so one
 *     chatty device cannot fill the queue
 * @param defaultDeadlineMs deadline in milliseconds for requests that do not set {@code deadline_ms}
 * @param boardPriority priority of the per-board request topic (higher runs first)
 * @param poolPriority priority of the pooled request topic
 * @param drainTimeoutMs on shutdown, how long in milliseconds queued and running work may take to finish
 *     before it is cancelled
 */
public record SchedulerConfig(
        int workers,
        int queueSize,
        int maxQueuedPerClient,
        long defaultDeadlineMs,
        int boardPriority,
        int poolPriority,
        long drainTimeoutMs) {}
