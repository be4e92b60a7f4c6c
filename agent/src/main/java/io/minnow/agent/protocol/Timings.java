package io.minnow.agent.protocol;

/**
 * Where one request's time went, in nanoseconds: waiting in the queue, reading the prompt, producing the
 * completion, and everything from arrival to the final reply.
 */
public record Timings(long queueNanos, long prefillNanos, long decodeNanos, long totalNanos) {}
