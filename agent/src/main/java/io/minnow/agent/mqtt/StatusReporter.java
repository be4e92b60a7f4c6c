package io.minnow.agent.mqtt;

import io.minnow.agent.lifecycle.Service;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

/**
 * Keeps the retained status topic true: {@code online} with the model and queue depth after every connect
 * and whenever the depth changes (checked each {@code periodMs}), {@code offline} on a clean stop. The
 * broker publishes the same {@code offline} payload as the last will if the agent vanishes. Thread-safe.
 */
public final class StatusReporter implements Service {
    private final String topic;
    private final OutboundQueue outbound;
    private final IntFunction<byte[]> online;
    private final byte[] offline;
    private final IntSupplier queueDepth;
    private final MqttConnection connection;
    private final long periodMs;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "minnow-status");
        t.setDaemon(true);
        return t;
    });
    private volatile int lastDepth = -1;
    private boolean stopped; // guarded by this: once offline is said, no online may follow it
    private boolean started; // guarded by this

    /** @param online the online payload for a queue depth; {@code offline} the will and clean-stop payload */
    public StatusReporter(String topic, OutboundQueue outbound, MqttConnection connection, IntFunction<byte[]> online,
            byte[] offline, IntSupplier queueDepth, long periodMs) {
        this.topic = topic;
        this.outbound = outbound;
        this.online = online;
        this.offline = offline.clone();
        this.queueDepth = queueDepth;
        this.connection = connection;
        this.periodMs = periodMs;
    }

    @Override
    public String name() {
        return "status (" + topic + ")";
    }

    /** Says {@code online}; start it after the request subscriptions, so online means requests are heard. */
    @Override
    public void start() {
        synchronized (this) {
            started = true;
        }
        connection.onConnected(() -> publish(queueDepth.getAsInt())); // runs now too, if connected
        timer.scheduleWithFixedDelay(() -> {
            int depth = queueDepth.getAsInt();
            if (depth != lastDepth) {
                publish(depth);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Says {@code offline}. The link stays up during the drain that follows, and a reconnect then must not
     * say {@code online} again: the clean disconnect at the end suppresses the will, so that would stay.
     */
    @Override
    public void stop() {
        timer.shutdownNow();
        synchronized (this) {
            stopped = true;
            outbound.publish(topic, offline, true, Optional.empty(), () -> { });
        }
    }

    /**
     * Publishes the online status again now, e.g. because the board's health or the active model changed;
     * thread-safe. Before {@link #start} it does nothing: {@code online} must not be said before requests are
     * heard.
     */
    public void refresh() {
        synchronized (this) {
            if (!started) {
                return;
            }
        }
        publish(queueDepth.getAsInt());
    }

    private synchronized void publish(int depth) {
        if (stopped) {
            return;
        }
        lastDepth = depth;
        outbound.publish(topic, online.apply(depth), true, Optional.empty(), () -> { });
    }
}
