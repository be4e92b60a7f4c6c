package io.minnow.agent.inference;

import io.minnow.agent.lifecycle.Service;
import io.minnow.runtime.Causes;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.ModelInfo;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the active model. A bundle that is missing or broken does not stop the agent: it starts anyway,
 * answers {@code model_unavailable} with the reason, and says so on its status topic. Thread-safe.
 */
public final class ModelService implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

    private final String source;
    private final Callable<Generator> opener;
    private volatile Generator generator;
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
            generator = opener.call();
            ModelInfo m = generator.model();
            LOG.info("model {} {} loaded from {} (context {} tokens)", m.name(), m.version(), source, m.contextLength());
        } catch (Exception | LinkageError e) {
            // LinkageError too: a TFLite native library that will not load must leave the agent answering
            // model_unavailable, as documented, not stop it from starting.
            unavailableReason = "no model could be loaded from " + source + ": " + Causes.describe(e);
            LOG.error("{}; requests will be answered model_unavailable", unavailableReason);
            LOG.debug("model load failure", e); // the stack, for a developer; the line above says why
        }
    }

    /** The loaded generator, empty when none could be loaded. */
    public Optional<Generator> generator() {
        return Optional.ofNullable(generator);
    }

    public Optional<ModelInfo> info() {
        Generator g = generator;
        return g == null ? Optional.empty() : Optional.of(g.model());
    }

    /** Why there is no model; meaningful only when {@link #generator()} is empty. */
    public String unavailableReason() {
        return unavailableReason;
    }

    @Override
    public void stop() {
        Generator g = generator;
        generator = null;
        unavailableReason = "the agent is shutting down";
        if (g != null) {
            g.close();
        }
    }
}
