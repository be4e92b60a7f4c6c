package io.minnow.agent.mqtt;

import io.minnow.config.DeviceConfig;

/**
 * The agent's topic names, all under the configured prefix (see docs/mqtt-api.md). Immutable.
 *
 * @param boardRequest requests for this board only: {@code <prefix>/<device>/request}
 * @param poolRequest requests any board may answer: {@code <prefix>/pool/request}
 * @param poolFilter the subscription for the pool: an MQTT 5 shared subscription, so each pooled request
 *     goes to one agent ({@code $share/minnow-agents/<prefix>/pool/request}); the plain topic on the embedded
 *     broker, where this agent is the only one
 * @param status the retained status and last will: {@code <prefix>/<device>/status}
 */
public record Topics(String boardRequest, String poolRequest, String poolFilter, String status) {
    /** The shared-subscription group every agent joins. */
    public static final String SHARE_GROUP = "minnow-agents";

    public static Topics of(DeviceConfig c) {
        String prefix = c.mqtt().topicPrefix();
        String pool = prefix + "/pool/request";
        return new Topics(prefix + "/" + c.deviceId() + "/request", pool,
                c.mqtt().embedded() ? pool : "$share/" + SHARE_GROUP + "/" + pool, prefix + "/" + c.deviceId() + "/status");
    }
}
