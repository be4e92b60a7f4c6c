package io.minnow.agent.mqtt;

import io.minnow.agent.lifecycle.Service;
import io.minnow.agent.protocol.InboundMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the agent connected to its broker: connects at start, reconnects with {@link Backoff} after a loss,
 * restores subscriptions and tells listeners each time the link is up. Inbound messages go to one consumer
 * on the MQTT callback thread. Thread-safe; connecting runs on its own single thread.
 */
public final class MqttConnection implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    private static final long OP_TIMEOUT_MS = 10_000;
    private static final long FIRST_CONNECT_WAIT_MS = 10_000;

    private final MqttTransport transport;
    private final String description;
    private final Backoff backoff;
    private final Consumer<InboundMessage> inbound;
    private final List<String> subscriptions = new CopyOnWriteArrayList<>();
    private final List<Runnable> onConnected = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService connector = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "minnow-mqtt-connect");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch firstConnect = new CountDownLatch(1);
    /**
     * True from a loss (or start) until a connect succeeds: one chain of attempts at a time. Paho v5 may report
     * one loss twice (disconnected and mqttErrorOccurred); each report used to start its own retry chain.
     */
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private final AtomicInteger losses = new AtomicInteger();
    private volatile boolean stopping;
    private int attempt; // connect thread only

    /**
     * @param description the broker and protocol for logs, e.g. {@code tcp://localhost:1883 (MQTT 5)}
     * @param inbound receives every request message; called on the MQTT callback thread, must not block
     */
    public MqttConnection(MqttTransport transport, String description, Backoff backoff,
            Consumer<InboundMessage> inbound) {
        this.transport = transport;
        this.description = description;
        this.backoff = backoff;
        this.inbound = inbound;
        transport.setListener(new MqttTransport.Listener() {
            @Override
            public void messageArrived(InboundMessage message) {
                MqttConnection.this.inbound.accept(message);
            }

            @Override
            public void connectionLost(Throwable cause) {
                losses.incrementAndGet();
                if (!stopping && reconnecting.compareAndSet(false, true)) {
                    LOG.warn("lost the broker at {}: {}", description, cause.getMessage());
                    try {
                        connector.execute(MqttConnection.this::connectOnce);
                    } catch (RejectedExecutionException e) {
                        // stop() shut the connect thread down after the check above: nothing to reconnect
                    }
                }
            }
        });
    }

    @Override
    public String name() {
        return "mqtt";
    }

    /** Runs {@code action} (on the connect thread) every time the link comes up, and now if it is up. */
    public void onConnected(Runnable action) {
        onConnected.add(action);
        if (transport.isConnected()) {
            connector.execute(action);
        }
    }

    /**
     * Subscribes now if connected, and again after every reconnect.
     *
     * @throws MqttLinkException if the broker refused a filter while the link stayed up; a link that dropped
     *     meanwhile is not an error, the reconnect subscribes
     */
    public void subscribe(List<String> filters) throws MqttLinkException {
        subscriptions.addAll(filters); // before subscribing: a reconnect from here on subscribes them too
        if (transport.isConnected()) {
            int lossesBefore = losses.get();
            try {
                transport.subscribe(filters, OP_TIMEOUT_MS);
            } catch (MqttLinkException e) {
                // The link may already be back (and subscribed) by now; any loss since we began counts.
                if (transport.isConnected() && losses.get() == lossesBefore) {
                    throw e;
                }
                LOG.warn("the link dropped while subscribing to {} ({}); the reconnect subscribes", filters,
                        e.getMessage());
            }
        }
    }

    public boolean isConnected() {
        return transport.isConnected();
    }

    /**
     * Drops the link and connects again at once, on the connect thread (a technician's "restart the MQTT
     * link"); returns without waiting. Subscriptions are restored as after any reconnect.
     */
    public void restart() {
        try {
            connector.execute(() -> {
                if (stopping) {
                    return;
                }
                LOG.info("restarting the link to {}", description);
                if (transport.isConnected()) {
                    transport.disconnect(2_000);
                }
                reconnecting.set(true);
                attempt = 0;
                connectOnce();
            });
        } catch (RejectedExecutionException e) {
            // stopping: there is no link to restart
        }
    }

    /** Connects, waiting a few seconds for the first success; keeps trying in the background after that. */
    @Override
    public void start() throws InterruptedException {
        reconnecting.set(true);
        connector.execute(this::connectOnce);
        if (!firstConnect.await(FIRST_CONNECT_WAIT_MS, TimeUnit.MILLISECONDS)) {
            LOG.warn("no broker at {} yet; requests will be served once it is reachable", description);
        }
    }

    @Override
    public void stop() {
        stopping = true;
        connector.shutdownNow();
        try {
            // A connect still running would otherwise finish after the disconnect below and leave a live
            // client behind (and, without a clean disconnect, the broker would later publish the will).
            if (!connector.awaitTermination(OP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                LOG.warn("a connect to {} did not end within {} ms of stopping", description, OP_TIMEOUT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transport.disconnect(2_000);
        transport.close();
    }

    private void connectOnce() {
        if (stopping) {
            return;
        }
        if (transport.isConnected()) {
            reconnecting.set(false);
            return;
        }
        try {
            boolean sessionPresent = transport.connect(OP_TIMEOUT_MS);
            if (!subscriptions.isEmpty()) {
                // Re-subscribing is harmless with a session and needed without one.
                transport.subscribe(List.copyOf(subscriptions), OP_TIMEOUT_MS);
            }
            LOG.info("connected to {} (session {})", description, sessionPresent ? "resumed" : "new");
            attempt = 0;
            reconnecting.set(false);
            firstConnect.countDown();
            for (Runnable r : onConnected) {
                r.run();
            }
        } catch (MqttLinkException | RuntimeException e) {
            long delay = backoff.delayMs(attempt++);
            LOG.warn("cannot reach the broker at {} ({}); retry {} in {} ms", description, e.getMessage(), attempt, delay);
            if (transport.isConnected()) {
                transport.disconnect(1_000);
            }
            if (!stopping) {
                connector.schedule(this::connectOnce, delay, TimeUnit.MILLISECONDS);
            }
        }
    }
}
