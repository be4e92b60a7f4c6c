package io.minnow.agent.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes replies and status at QoS 1 with a bounded number in flight; a publish that cannot start or
 * that fails is put back at the front and retried when the link is up again, so an accepted request's reply
 * is not lost to a broker outage. Thread-safe: inference threads and MQTT threads call {@link #publish}.
 *
 * <p>While the broker is away the queue has no fixed cap, but it cannot grow without end: requests only
 * arrive through the broker, so replies are bounded by the work already accepted (queue size plus workers,
 * each a final message and at most {@code max_tokens} chunks), and a retained message (the status) replaces
 * a queued, not yet sent one for the same topic, since the broker would keep only the last anyway.
 */
public final class OutboundQueue implements io.minnow.agent.lifecycle.Service {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);

    private record Outbound(String topic, byte[] payload, boolean retained, Optional<byte[]> correlationData,
            Runnable delivered) {}

    private static final long STOP_FLUSH_MS = 5_000;

    private final MqttTransport transport;
    private final int window;
    private final Deque<Outbound> pending = new ArrayDeque<>();
    private int inFlight;

    /** @param window publishes awaiting the broker's acknowledgement at once */
    public OutboundQueue(MqttTransport transport, int window) {
        this.transport = transport;
        this.window = window;
    }

    @Override
    public String name() {
        return "outbound";
    }

    @Override
    public void start() {
        // Publishing needs no start: messages wait in the queue until the link is up.
    }

    /** Waits a few seconds for replies still in flight, so answers given during a drain reach the broker. */
    @Override
    public void stop() {
        try {
            if (!flush(STOP_FLUSH_MS)) {
                LOG.warn("{} replies were not acknowledged by the broker before stopping", backlog());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Queues one QoS 1 publish; returns at once.
     *
     * @param delivered runs (on a Paho thread) once the broker acknowledged the message, or once it is given up
     *     (the MQTT client refused it); not for a retained message that a newer one for its topic replaced
     */
    public void publish(String topic, byte[] payload, boolean retained, Optional<byte[]> correlationData,
            Runnable delivered) {
        synchronized (this) {
            if (retained) {
                pending.removeIf(o -> o.retained() && o.topic().equals(topic));
            }
            pending.addLast(new Outbound(topic, payload, retained, correlationData, delivered));
        }
        pump();
    }

    /** Publishes messages not yet sent while there is room in the window; called again after reconnects. */
    public void pump() {
        while (true) {
            Outbound next;
            synchronized (this) {
                if (inFlight >= window || pending.isEmpty() || !transport.isConnected()) {
                    return;
                }
                next = pending.pollFirst();
                inFlight++;
            }
            try {
                transport.publish(next.topic(), next.payload(), next.retained(), next.correlationData(),
                        new MqttTransport.PublishListener() {
                            @Override
                            public void published() {
                                done(null);
                                next.delivered().run();
                            }

                            @Override
                            public void failed(Throwable cause) {
                                LOG.warn("publish to {} failed ({}); will retry", next.topic(), cause.getMessage());
                                done(next);
                            }
                        });
            } catch (MqttLinkException e) {
                LOG.debug("publish to {} could not start ({}); will retry", next.topic(), e.getMessage());
                synchronized (this) {
                    inFlight--;
                    pending.addFirst(next);
                }
                return;
            } catch (RuntimeException e) {
                // The client refused the message itself (e.g. a topic it will never accept): a retry cannot
                // succeed, and keeping its window slot would stall every later reply.
                LOG.error("dropping a publish to {} that the MQTT client refused", next.topic(), e);
                synchronized (this) {
                    inFlight--;
                    notifyAll();
                }
                next.delivered().run(); // nothing will ever deliver it: do not leave its request waiting
            }
        }
    }

    private void done(Outbound retry) {
        synchronized (this) {
            inFlight--;
            if (retry != null) {
                pending.addFirst(retry);
            }
            notifyAll();
        }
        pump();
    }

    /** Messages not yet acknowledged by the broker. */
    public synchronized int backlog() {
        return pending.size() + inFlight;
    }

    /** Waits up to {@code timeoutMs} until everything queued was acknowledged; returns whether it was. */
    public boolean flush(long timeoutMs) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            pump(); // a retry may be waiting for a link that is back
            synchronized (this) {
                if (pending.isEmpty() && inFlight == 0) {
                    return true;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                wait(Math.min(left, 50));
            }
        }
    }
}
