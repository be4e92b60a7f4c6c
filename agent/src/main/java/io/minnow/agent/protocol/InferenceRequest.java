package io.minnow.agent.protocol;

import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import java.util.Objects;
import java.util.Optional;

/**
 * A valid request, ready to schedule. Immutable.
 *
 * @param id the sender's request id, echoed in every reply; may be empty only for MQTT 5 requests (which
 *     are matched by correlation data, if any)
 * @param client who sent it, for fairness: the {@code client} field, else the reply topic
 * @param deadlineMs milliseconds from arrival after which the request is answered {@code timeout}
 */
public record InferenceRequest(
        Optional<String> id,
        ReplyRoute route,
        String client,
        PromptInput input,
        SamplingOptions sampling,
        boolean stream,
        long deadlineMs) {
    public InferenceRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(sampling, "sampling");
    }

    /**
     * Equal for redeliveries of the same request from the same sender; empty when the request carries
     * neither an id nor correlation data, so nothing tells a redelivery from a new request.
     */
    public Optional<String> dedupeKey() {
        if (id.isEmpty() && route.correlationData().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(route.key() + id.map(i -> "|" + i).orElse(""));
    }
}
