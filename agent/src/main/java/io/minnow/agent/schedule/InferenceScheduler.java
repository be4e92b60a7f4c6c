package io.minnow.agent.schedule;

import io.minnow.agent.lifecycle.Service;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs inference work on its own bounded pool of worker threads, from a bounded {@link FairQueue}. Work is
 * refused at once when the queue (or the client's share of it) is full, expired instead of run when its
 * deadline passed in the queue, and on {@link #stop} drained for up to the drain timeout, then cancelled.
 * Thread-safe: {@link #submit} is called from MQTT callback threads.
 */
public final class InferenceScheduler implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(InferenceScheduler.class);

    private final int workers;
    private final long drainTimeoutNanos;
    private final long cancelGraceMs;
    private final LongSupplier nanoClock;
    private final FairQueue queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Set<Work> running = new HashSet<>();
    private final List<Thread> threads = new ArrayList<>();
    private boolean accepting = true; // before start(), work queues and waits for the workers
    private boolean stopped;
    private volatile int depth;

    /**
     * @param capacity requests that may wait; {@code perClient} of them per client
     * @param drainTimeoutMs on stop, how long queued and running work may take before it is cancelled
     * @param cancelGraceMs on stop, how long cancelled work may take to end before {@link #stop} gives up on
     *     its worker threads (a model call that ignores cancellation must not hang the agent's shutdown)
     * @param nanoClock {@link System#nanoTime()} in production; deadlines are compared against it
     */
    public InferenceScheduler(int workers, int capacity, int perClient, long drainTimeoutMs, long cancelGraceMs,
            LongSupplier nanoClock) {
        this.workers = workers;
        this.drainTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(drainTimeoutMs);
        this.cancelGraceMs = cancelGraceMs;
        this.nanoClock = nanoClock;
        this.queue = new FairQueue(capacity, perClient);
    }

    @Override
    public String name() {
        return "scheduler";
    }

    @Override
    public void start() {
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::workLoop, "minnow-inference-" + i);
            t.setDaemon(true); // a worker stuck in a model call must not keep the JVM alive after stop gave up on it
            threads.add(t);
            t.start();
        }
    }

    /** Queues {@code work} or says why not; never blocks. */
    public Admission submit(Work work) {
        List<Work> expired = List.of();
        Admission a;
        lock.lock();
        try {
            if (!accepting) {
                return Admission.STOPPING;
            }
            a = queue.offer(work);
            if (a == Admission.QUEUE_FULL) {
                // Expired work must not hold places that live work could use.
                expired = queue.removeExpired(nanoClock.getAsLong());
                if (!expired.isEmpty()) {
                    a = queue.offer(work);
                }
            }
            depth = queue.size();
            if (a == Admission.ACCEPTED) {
                changed.signalAll(); // stop() may be waiting on the same condition
            }
        } finally {
            lock.unlock();
        }
        expired.forEach(Work::expire);
        return a;
    }

    /** Requests waiting for a worker. */
    public int queueDepth() {
        return depth;
    }

    /** True while work runs or waits. */
    public boolean busy() {
        lock.lock();
        try {
            return !running.isEmpty() || queue.size() > 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops taking work, lets queued and running work finish within the drain timeout, cancels the rest, and
     * waits up to the cancel grace for the workers to end; a worker still busy then (a model call that ignores
     * cancellation) is interrupted, logged and left behind. If the calling thread is interrupted, the drain ends
     * early: the rest is cancelled at once (so every accepted job is still answered) and the interrupt flag is kept.
     */
    @Override
    public void stop() {
        List<Work> cancelled;
        List<Work> interrupted;
        boolean wasInterrupted = false;
        lock.lock();
        try {
            if (stopped) {
                return;
            }
            accepting = false;
            long left = drainTimeoutNanos;
            while ((queue.size() > 0 || !running.isEmpty()) && left > 0) {
                try {
                    left = changed.awaitNanos(left);
                } catch (InterruptedException e) {
                    wasInterrupted = true;
                    break;
                }
            }
            cancelled = queue.removeAll();
            depth = 0;
            interrupted = new ArrayList<>(running);
            stopped = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        if (!cancelled.isEmpty() || !interrupted.isEmpty()) {
            LOG.warn("{}: cancelling {} queued and {} running requests",
                    wasInterrupted ? "drain interrupted" : "drain timeout", cancelled.size(), interrupted.size());
        }
        cancelled.forEach(w -> w.cancel("the agent is shutting down; the request was not started"));
        interrupted.forEach(w -> w.cancel("the agent is shutting down; the request was stopped"));
        wasInterrupted |= joinWorkers();
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the workers up to the cancel grace; returns whether the caller was interrupted meanwhile. */
    private boolean joinWorkers() {
        boolean interrupted = false;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cancelGraceMs);
        for (Thread t : threads) {
            while (t.isAlive()) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    t.join(left);
                } catch (InterruptedException e) {
                    interrupted = true; // cancelled work ends promptly; keep waiting within the grace
                }
            }
        }
        List<String> stuck = threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
        if (!stuck.isEmpty()) {
            threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
            LOG.error("{} still busy {} ms after its work was cancelled; stopping without it (its request may stay"
                    + " unanswered)", stuck, cancelGraceMs);
        }
        return interrupted;
    }

    private void workLoop() {
        while (true) {
            Work w;
            lock.lock();
            try {
                while (queue.size() == 0 && !stopped) {
                    changed.awaitUninterruptibly();
                }
                if (stopped) {
                    return;
                }
                w = queue.poll();
                depth = queue.size();
                running.add(w);
            } finally {
                lock.unlock();
            }
            try {
                if (nanoClock.getAsLong() - w.deadlineNanos() > 0) {
                    w.expire();
                } else {
                    w.run();
                }
            } catch (RuntimeException | Error e) {
                // An Error would otherwise end this worker, and with it the pool's capacity, for good.
                LOG.error("inference work failed outside its own error handling", e);
            } finally {
                lock.lock();
                try {
                    running.remove(w);
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
