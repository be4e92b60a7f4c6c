package io.minnow.agent.inference;

import io.minnow.agent.protocol.ReplyRoute;

/** Sends one reply payload to a requester; returns at once. Thread-safe. */
@FunctionalInterface
public interface Replier {
    void reply(ReplyRoute route, byte[] payload);
}
