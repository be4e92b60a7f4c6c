package io.minnow.agent.lifecycle;

import io.minnow.runtime.Causes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a list of services in order and stops them in reverse; a service that fails to start stops those
 * already started. States go new, starting, running, stopping, terminated, or failed with a cause.
 * Thread-safe: {@link #stop} may come from a shutdown hook while {@link #start} runs; it then waits for the
 * service being started to finish starting, so that one is stopped too, first.
 */
public final class Lifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    /** Where the composed services are. */
    public enum State { NEW, STARTING, RUNNING, STOPPING, TERMINATED, FAILED }

    private final List<Service> services;
    private final Deque<Service> started = new ArrayDeque<>();
    private State state = State.NEW;
    private Throwable failure;
    private boolean startInProgress; // a service's start() is running on the starting thread

    public Lifecycle(List<Service> services) {
        this.services = List.copyOf(services);
    }

    /**
     * Starts every service in order.
     *
     * @throws LifecycleException naming the service that failed; services started before it are stopped
     */
    public void start() throws LifecycleException {
        synchronized (this) {
            if (state != State.NEW) {
                throw new IllegalStateException("start() called in state " + state);
            }
            state = State.STARTING;
        }
        for (Service s : services) {
            synchronized (this) {
                if (state != State.STARTING) {
                    return; // stopped while starting
                }
                startInProgress = true;
            }
            try {
                long t0 = System.nanoTime();
                s.start();
                LOG.info("{} started in {} ms", s.name(), (System.nanoTime() - t0) / 1_000_000);
                synchronized (this) {
                    started.push(s);
                }
            } catch (Exception e) {
                synchronized (this) {
                    failure = e;
                    state = State.FAILED;
                }
                stopStarted();
                throw new LifecycleException(s.name() + " failed to start: " + Causes.describe(e), e);
            } finally {
                synchronized (this) {
                    startInProgress = false;
                    notifyAll();
                }
            }
        }
        synchronized (this) {
            if (state == State.STARTING) {
                state = State.RUNNING;
            }
        }
    }

    /**
     * Stops every started service in reverse order and returns when they are stopped. Idempotent: a second
     * caller while the first is stopping waits for it.
     */
    public void stop() {
        synchronized (this) {
            if (state == State.STOPPING) {
                awaitStopped();
                return;
            }
            if (state == State.TERMINATED) {
                return;
            }
            if (state != State.FAILED) {
                state = State.STOPPING;
            }
            // A service still starting would otherwise be pushed after this stop ran and never be stopped.
            boolean interrupted = false;
            while (startInProgress) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        stopStarted();
        synchronized (this) {
            if (state != State.FAILED) {
                state = State.TERMINATED;
            }
            notifyAll();
        }
    }

    private void awaitStopped() {
        boolean interrupted = false;
        while (state == State.STOPPING) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized State state() {
        return state;
    }

    public synchronized Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private void stopStarted() {
        while (true) {
            Service s;
            synchronized (this) {
                s = started.poll();
            }
            if (s == null) {
                return;
            }
            try {
                s.stop();
                LOG.info("{} stopped", s.name());
            } catch (RuntimeException e) {
                LOG.error("{} failed to stop cleanly", s.name(), e);
            }
        }
    }
}
