package io.minnow.agent.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport for tests of the parts above it: connects as scripted (true = success, an exhausted script
 * fails), records and acknowledges every publish at once, refuses publishes to {@link #refusedTopic} the way
 * Paho refuses a topic it will never accept. Thread-safe.
 */
final class ScriptedTransport implements MqttTransport {
    final ConcurrentLinkedQueue<Boolean> script = new ConcurrentLinkedQueue<>();
    final AtomicInteger connects = new AtomicInteger();
    /** Connect calls that returned, either way. */
    final AtomicInteger connectsEnded = new AtomicInteger();
    /** Each acknowledged publish as "topic payload". */
    final List<String> published = new CopyOnWriteArrayList<>();
    volatile String refusedTopic = "";
    /** Filters subscribed, in order, one entry per successful subscribe call. */
    final List<List<String>> subscribed = new CopyOnWriteArrayList<>();
    /** When set, the next subscribe fails; {@code dropOnSubscribeFailure} says whether the link drops too. */
    volatile String subscribeFailure;
    volatile boolean dropOnSubscribeFailure;
    /** When set, connect waits for it (ignoring interrupts, as a connect on the wire may) before its outcome. */
    volatile java.util.concurrent.CountDownLatch connectGate;
    private volatile boolean connected;
    private volatile Listener listener;

    @Override
    public void setListener(Listener listener) {
        this.listener = listener;
    }

    @Override
    public boolean connect(long timeoutMs) throws MqttLinkException {
        connects.incrementAndGet();
        java.util.concurrent.CountDownLatch gate = connectGate;
        boolean interrupted = false;
        while (gate != null) {
            try {
                gate.await();
                gate = null;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            if (!Boolean.TRUE.equals(script.poll())) {
                throw new MqttLinkException("scripted refusal", null);
            }
            connected = true;
            return true;
        } finally {
            connectsEnded.incrementAndGet();
        }
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void subscribe(List<String> filters, long timeoutMs) throws MqttLinkException {
        String failure = subscribeFailure;
        if (failure != null) {
            subscribeFailure = null;
            if (dropOnSubscribeFailure) {
                lose();
            }
            throw new MqttLinkException(failure, null);
        }
        subscribed.add(List.copyOf(filters));
    }

    @Override
    public void publish(String topic, byte[] payload, boolean retained, Optional<byte[]> correlationData,
            PublishListener l) throws MqttLinkException {
        if (!connected) {
            throw new MqttLinkException("not connected", null);
        }
        if (topic.equals(refusedTopic)) {
            throw new IllegalArgumentException("invalid topic " + topic);
        }
        published.add(topic + " " + new String(payload, StandardCharsets.UTF_8));
        l.published();
    }

    @Override
    public void disconnect(long timeoutMs) {
        connected = false;
    }

    @Override
    public void close() {
    }

    /** Connects without a script entry, for tests that need the link up from the start. */
    void up() {
        connected = true;
    }

    /** The broker vanishes: the link drops and the listener hears it, as from Paho's callback. */
    void lose() {
        connected = false;
        listener.connectionLost(new MqttLinkException("scripted loss", null));
    }
}
