package io.minnow.ota.verify;

import io.minnow.ota.release.AgentVersion;
import java.util.List;
import java.util.Objects;

/**
 * What a release's target and minimum agent version are checked against. Immutable.
 *
 * @param deviceId the board's id
 * @param groups the groups the board belongs to ({@code ota.groups})
 * @param agentVersion the running agent's version, dotted numbers
 */
public record BoardIdentity(String deviceId, List<String> groups, String agentVersion) {
    public BoardIdentity {
        Objects.requireNonNull(deviceId, "deviceId");
        groups = List.copyOf(groups);
        if (!AgentVersion.valid(agentVersion)) {
            throw new IllegalArgumentException("agent version must be dotted numbers, not " + agentVersion);
        }
    }
}
