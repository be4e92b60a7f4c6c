package io.minnow.simulator;

import java.util.concurrent.atomic.LongAdder;

/**
 * What a fleet run counted, across all devices. Thread-safe (devices count from their MQTT threads).
 * A request is <em>sent</em> once the broker acknowledged it; only sent requests can be lost.
 */
final class FleetStats {
    final LongAdder sent = new LongAdder();
    /** The broker did not acknowledge the publish (it was down): not the agent's to answer. */
    final LongAdder notSent = new LongAdder();
    final LongAdder answered = new LongAdder();
    /** A second final reply for a request already answered. */
    final LongAdder duplicates = new LongAdder();
    final LongAdder timeouts = new LongAdder();
    final LongAdder busy = new LongAdder();
    /** Malformed requests answered bad_request and oversized ones too_large, as they must be. */
    final LongAdder refusedMalformed = new LongAdder();
    /** Replies that were wrong: not JSON, wrong id, unexpected error, text other than the model's answer. */
    final LongAdder wrong = new LongAdder();
    /** A reply nobody asked for (unknown id). */
    final LongAdder unexpected = new LongAdder();
    final LongAdder chunks = new LongAdder();
    /** Sent requests still without a final reply at the end (set once, by the run). */
    volatile long lost;

    String line(double seconds) {
        return String.format("t=%5.1fs sent=%d answered=%d lost=%d dup=%d timeout=%d busy=%d refused_bad=%d"
                + " wrong=%d not_sent=%d", seconds, sent.sum(), answered.sum(), lost, duplicates.sum(), timeouts.sum(),
                busy.sum(), refusedMalformed.sum(), wrong.sum() + unexpected.sum(), notSent.sum());
    }
}
