package io.minnow.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minnow.agent.mqtt.NoDelaySocketFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One virtual device of a fleet run: an MQTT 5 or MQTT 3.1.1 client with a persistent session that sends the
 * {@link RequestMix} at Poisson-distributed times (open loop: it does not wait for answers) and checks every
 * reply: its id is one it sent, it is JSON of a known type, a greedy answer is the model's own text, a
 * malformed request is refused {@code bad_request}. Reconnects on its own after a broker outage. Thread-safe.
 */
final class SimDevice implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Pending(RequestMix.Request request, boolean confirmed) {}

    private final String name;
    private final DeviceLink link;
    private final String requestTopic;
    private final String replyTopic;
    private final RequestMix mix;
    private final FleetStats stats;
    private final ScheduledExecutorService timer;
    private final double meanGapMs;
    private final Random random;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean sending;

    /**
     * @param mqtt5 whether this device speaks MQTT 5 (response topic and correlation data) or 3.1.1 ({@code
     *     reply_to} and {@code id} in the payload)
     * @param ratePerSecond mean requests per second (Poisson arrivals)
     */
    SimDevice(String brokerUrl, String name, boolean mqtt5, String requestTopic, RequestMix mix, FleetStats stats,
            ScheduledExecutorService timer, double ratePerSecond, long seed) throws Exception {
        this.name = name;
        this.requestTopic = requestTopic;
        this.replyTopic = "sim/" + name + "/replies";
        this.mix = mix;
        this.stats = stats;
        this.timer = timer;
        this.meanGapMs = 1000.0 / ratePerSecond;
        this.random = new Random(seed);
        link = mqtt5 ? new DeviceLink.V5(brokerUrl, name, this::onReply, timer)
                : new DeviceLink.V3(brokerUrl, name, this::onReply, timer);
        link.connect(replyTopic);
    }

    void start() {
        sending = true;
        scheduleNext();
    }

    void stopSending() {
        sending = false;
    }

    /** Requests the broker acknowledged that have no final reply yet. */
    long outstanding() {
        return pending.values().stream().filter(Pending::confirmed).count();
    }

    /** Prints each sent request still without a final reply: id, kind, topic. */
    void describeOutstanding(java.io.PrintStream out) {
        pending.forEach((id, p) -> {
            if (p.confirmed()) {
                out.printf("unanswered: %s (%s, %s, %s)%n", id, p.request().kind(), requestTopic,
                        link instanceof DeviceLink.V5 ? "MQTT 5" : "MQTT 3.1.1");
            }
        });
    }

    private void scheduleNext() {
        if (!sending) {
            return;
        }
        long gap = (long) (-Math.log(1 - random.nextDouble()) * meanGapMs); // exponential gaps: Poisson arrivals
        timer.schedule(this::send, gap, TimeUnit.MILLISECONDS);
    }

    /** Sends {@code count} requests at once, past the agent's per-client quota: the rest must be refused busy. */
    void burst(int count) {
        for (int i = 0; i < count; i++) {
            publish(mix.checked());
        }
    }

    private void send() {
        if (!sending) {
            return;
        }
        RequestMix.Request r;
        synchronized (random) {
            r = mix.next(random);
        }
        publish(r);
        scheduleNext();
    }

    private void publish(RequestMix.Request r) {
        String id = name + "-" + sequence.getAndIncrement();
        String payload = "{\"id\":\"" + id + "\",\"reply_to\":\"" + replyTopic + "\"," + r.fields()
                + (r.kind() == RequestMix.Kind.MALFORMED ? "" : "}");
        pending.put(id, new Pending(r, false));
        link.publish(requestTopic, payload.getBytes(StandardCharsets.UTF_8), replyTopic, id, () -> {
            stats.sent.increment();
            pending.computeIfPresent(id, (k, p) -> new Pending(p.request(), true));
        }, () -> stats.notSent.increment());
    }

    private void onReply(String topic, byte[] payload) {
        JsonNode reply;
        try {
            reply = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            stats.wrong.increment();
            return;
        }
        String type = reply.path("type").asText();
        if (type.equals("chunk")) {
            stats.chunks.increment();
            return;
        }
        String id = reply.path("id").asText("");
        Pending p = pending.remove(id);
        if (p == null) {
            if (answered.contains(id)) {
                stats.duplicates.increment();
            } else {
                stats.unexpected.increment();
            }
            return;
        }
        answered.add(id);
        if (!p.confirmed()) {
            stats.sent.increment(); // the broker had it although its acknowledgement was lost in an outage
            stats.notSent.decrement();
        }
        String code = reply.path("error").path("code").asText("");
        if (!topic.equals(replyTopic)) {
            stats.wrong.increment();
        } else if (p.request().kind() == RequestMix.Kind.MALFORMED) {
            (code.equals("bad_request") ? stats.refusedMalformed : stats.wrong).increment();
        } else if (p.request().kind() == RequestMix.Kind.OVERSIZED) {
            (code.equals("too_large") ? stats.refusedMalformed : stats.wrong).increment();
        } else if (type.equals("error") && code.equals("timeout")) {
            stats.timeouts.increment();
        } else if (type.equals("error") && code.equals("busy")) {
            stats.busy.increment();
        } else if (!type.equals("final")) {
            stats.wrong.increment();
            System.err.printf("device %s: unexpected reply to %s: %s%n", name, id, reply);
        } else if (p.request().expected().isPresent()
                && !p.request().expected().get().equals(reply.path("text").asText())) {
            stats.wrong.increment();
            System.err.printf("device %s: %s answered %s, expected %s%n", name, id, reply.path("text"),
                    p.request().expected().get());
        } else {
            stats.answered.increment();
        }
    }

    @Override
    public void close() {
        sending = false;
        link.close();
    }
}
