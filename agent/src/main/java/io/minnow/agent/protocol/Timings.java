package io.minnow.agent.protocol;

/**
 * Where one request's time went, in nanoseconds: waiting in the queue, inside the model runtime (the
 * generate call: tokenizing, prefill, decode, cache bookkeeping), and everything from arrival to the final
 * reply. Prefill and decode come from the runtime's own result.
 */
public record Timings(long queueNanos, long modelNanos, long totalNanos) {}
