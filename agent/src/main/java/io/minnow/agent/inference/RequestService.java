package io.minnow.agent.inference;

import io.minnow.agent.lifecycle.Service;
import io.minnow.agent.metrics.AgentMetrics;
import io.minnow.agent.mqtt.MqttConnection;
import io.minnow.agent.mqtt.Topics;
import io.minnow.agent.protocol.InboundMessage;
import io.minnow.agent.protocol.InferenceRequest;
import io.minnow.agent.protocol.Replies;
import io.minnow.agent.protocol.ReplyRoute;
import io.minnow.agent.protocol.RequestParser;
import io.minnow.agent.protocol.RequestRejected;
import io.minnow.agent.schedule.Admission;
import io.minnow.agent.schedule.InferenceScheduler;
import io.minnow.config.SchedulerConfig;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.Generator;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns request messages into scheduled inference or into an immediate error reply: bad input, no model,
 * a full queue and a stopping agent are all answered at once, on the MQTT callback thread, without waiting.
 * Redeliveries of an accepted request are dropped. Every message is acknowledged to the broker once its
 * final reply (result or error) is with the broker, so a request is redelivered if the agent dies before
 * answering it. Thread-safe.
 */
public final class RequestService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(RequestService.class);
    private static final int REMEMBERED_REQUESTS = 10_000;

    private final Topics topics;
    private final RequestParser parser;
    private final InferenceScheduler scheduler;
    private final ModelService model;
    private final MqttConnection connection;
    private final Replier replier;
    private final AgentMetrics metrics;
    private final SchedulerConfig config;
    private final LongSupplier clock;
    private final RecentRequests recent = new RecentRequests(REMEMBERED_REQUESTS);
    private volatile boolean draining;

    public RequestService(Topics topics, RequestParser parser, InferenceScheduler scheduler, ModelService model,
            MqttConnection connection, Replier replier, AgentMetrics metrics, SchedulerConfig config,
            LongSupplier clock) {
        this.topics = topics;
        this.parser = parser;
        this.scheduler = scheduler;
        this.model = model;
        this.connection = connection;
        this.replier = replier;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "requests (" + topics.boardRequest() + ", " + topics.poolFilter() + ")";
    }

    /** Subscribes to the request topics. */
    @Override
    public void start() throws Exception {
        connection.subscribe(List.of(topics.boardRequest(), topics.poolFilter()));
    }

    /** From now on new requests are answered {@code cancelled}; queued work is drained by the scheduler. */
    @Override
    public void stop() {
        draining = true;
    }

    /** Handles one message; called on the MQTT callback thread. */
    public void onMessage(InboundMessage message) {
        long arrival = clock.getAsLong();
        InferenceRequest request;
        try {
            request = parser.parse(message);
        } catch (RequestRejected e) {
            reject(e.route(), e.id(), e.code(), e.getMessage(), message.topic(), message.acknowledge());
            return;
        }
        Optional<String> key = request.dedupeKey();
        PendingAcks acks = new PendingAcks(message.acknowledge());
        if (key.isPresent()) {
            PendingAcks original = recent.add(key.get(), acks);
            if (original != null) {
                LOG.debug("dropping a redelivery of request {}", request.id().orElse(request.route().key()));
                metrics.outcome(AgentMetrics.DUPLICATE);
                original.add(message.acknowledge());
                return;
            }
        }
        if (draining) {
            key.ifPresent(recent::remove); // not accepted: a resend must be answered too, not dropped as a copy
            reject(Optional.of(request.route()), request.id(), ErrorCode.CANCELLED,
                    "the agent is shutting down; send the request again later or to the pool topic", message.topic(),
                    acks::delivered);
            return;
        }
        Optional<Generator> generator = model.generator();
        if (generator.isEmpty()) {
            key.ifPresent(recent::remove);
            reject(Optional.of(request.route()), request.id(), ErrorCode.MODEL_UNAVAILABLE, model.unavailableReason(),
                    message.topic(), acks::delivered);
            return;
        }
        int priority = message.topic().equals(topics.boardRequest()) ? config.boardPriority() : config.poolPriority();
        InferenceJob job = new InferenceJob(request, priority, arrival, model, replier, acks::delivered, metrics,
                clock);
        Admission a = scheduler.submit(job);
        if (a != Admission.ACCEPTED) {
            key.ifPresent(recent::remove);
            ErrorCode code = a == Admission.STOPPING ? ErrorCode.CANCELLED : ErrorCode.BUSY;
            reject(Optional.of(request.route()), request.id(), code, switch (a) {
                case QUEUE_FULL -> "the queue is full (" + config.queueSize() + " requests waiting); retry later";
                case CLIENT_QUOTA -> "client \"" + request.client() + "\" already has " + config.maxQueuedPerClient()
                        + " requests waiting; wait for a reply before sending more";
                default -> "the agent is shutting down; send the request again later or to the pool topic";
            }, message.topic(), acks::delivered);
        }
    }

    private void reject(Optional<ReplyRoute> route, Optional<String> id, ErrorCode code, String message, String topic,
            Runnable delivered) {
        if (route.isEmpty()) {
            LOG.warn("cannot answer a request on {}: {} ({}); it named no reply topic", topic, message, code.wireName());
            metrics.outcome(AgentMetrics.UNANSWERABLE);
            delivered.run(); // a redelivery could not be answered either
            return;
        }
        replier.reply(route.get(), Replies.error(id, code, message), delivered);
        metrics.outcome(code.wireName());
    }
}
