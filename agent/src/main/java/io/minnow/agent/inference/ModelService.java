package io.minnow.agent.inference;

import io.minnow.agent.lifecycle.Service;
import io.minnow.runtime.Causes;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.ModelInfo;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the serving model and swaps it without downtime. A bundle that is missing or broken does not stop the
 * agent: it starts anyway, answers {@code model_unavailable} with the reason, and says so on its status topic.
 *
 * <p>Each generation runs under a {@link ModelLease} taken when it starts, not when it was queued. {@link
 * #swap} makes the new model serve at once (generations that start from then on, queued or new, run on it),
 * then waits until the generations running on the old model have finished and closes it. Thread-safe.
 */
public final class ModelService implements Service, ModelLeases {
    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

    /** One loaded model; running generations hold its read lock, closing it takes the write lock. */
    private static final class Slot implements ModelLease {
        final Generator generator;
        final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        boolean closed; // guarded by lock's write lock; read under its read lock

        Slot(Generator generator) {
            this.generator = generator;
        }

        @Override
        public Generator generator() {
            return generator;
        }

        @Override
        public void close() {
            lock.readLock().unlock();
        }

        void retire() {
            lock.writeLock().lock();
            try {
                closed = true;
                generator.close();
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    private final String source;
    private final Callable<Generator> opener;
    private volatile Slot slot;
    private volatile String unavailableReason = "the model is not loaded yet";

    /**
     * @param source the bundle's location, for messages
     * @param opener opens the bundle; its exception message becomes the reason given to requesters
     */
    public ModelService(String source, Callable<Generator> opener) {
        this.source = source;
        this.opener = opener;
    }

    @Override
    public String name() {
        return "model";
    }

    @Override
    public void start() {
        try {
            Generator g = opener.call();
            slot = new Slot(g);
            ModelInfo m = g.model();
            LOG.info("model {} {} loaded from {} (context {} tokens)", m.name(), m.version(), source, m.contextLength());
        } catch (Exception | LinkageError e) {
            // LinkageError too: a TFLite native library that will not load must leave the agent answering
            // model_unavailable, as documented, not stop it from starting.
            unavailableReason = "no model could be loaded from " + source + ": " + Causes.describe(e);
            LOG.error("{}; requests will be answered model_unavailable", unavailableReason);
            LOG.debug("model load failure", e); // the stack, for a developer; the line above says why
        }
    }

    /**
     * A lease on the serving model for one generation; empty when none is loaded. If a swap retires the model
     * just read, the lease is taken on its successor instead.
     */
    @Override
    public Optional<ModelLease> acquire() {
        while (true) {
            Slot s = slot;
            if (s == null) {
                return Optional.empty();
            }
            s.lock.readLock().lock();
            if (!s.closed) {
                return Optional.of(s);
            }
            s.lock.readLock().unlock();
        }
    }

    /**
     * Makes {@code next} the serving model, then waits for the generations running on the previous one and
     * closes it. Returns when the previous model is closed.
     */
    public void swap(Generator next) {
        Slot old = slot;
        slot = new Slot(next);
        ModelInfo m = next.model();
        LOG.info("model {} {} serves now; the previous model closes when its running requests finish", m.name(),
                m.version());
        if (old != null) {
            old.retire();
        }
    }

    /** The serving generator, empty when none could be loaded. */
    public Optional<Generator> generator() {
        Slot s = slot;
        return s == null ? Optional.empty() : Optional.of(s.generator);
    }

    public Optional<ModelInfo> info() {
        return generator().map(Generator::model);
    }

    /** Why there is no model; meaningful only when {@link #generator()} is empty. */
    public String unavailableReason() {
        return unavailableReason;
    }

    @Override
    public void stop() {
        Slot s = slot;
        slot = null;
        unavailableReason = "the agent is shutting down";
        if (s != null) {
            s.retire();
        }
    }
}
