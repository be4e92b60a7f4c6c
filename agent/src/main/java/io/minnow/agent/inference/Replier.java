package io.minnow.agent.inference;

import io.minnow.agent.protocol.ReplyRoute;

/** Sends one reply payload to a requester; returns at once. Thread-safe. */
@FunctionalInterface
public interface Replier {
    /**
     * @param delivered runs once the broker has the reply (or it was given up as undeliverable); a final reply
     *     passes its request's acknowledgement here, so the broker redelivers a request whose answer never left
     */
    void reply(ReplyRoute route, byte[] payload, Runnable delivered);
}
