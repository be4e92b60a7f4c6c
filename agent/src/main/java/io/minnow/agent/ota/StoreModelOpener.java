package io.minnow.agent.ota;

import io.minnow.agent.ModelOpener;
import io.minnow.agent.inference.ModelSource;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import io.minnow.config.ModelConfig;
import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.ModelStore;
import io.minnow.ota.verify.ReasonCode;
import io.minnow.runtime.generate.Generator;
import java.io.FileNotFoundException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the store's active release at start. An empty store first gets its first install: the configured
 * {@code model.path}, else the bundle inside the jar ({@link ModelSource}); after that the store's active
 * release is what runs, whatever model.path says. If the active release does not load (a damaged file, a backend that changed),
 * the store rolls back to the previous release, journaled as an automatic rollback, and that one is opened.
 */
public final class StoreModelOpener implements Callable<Generator> {
    private static final Logger LOG = LoggerFactory.getLogger(StoreModelOpener.class);

    private final ModelStore store;
    private final ModelConfig model;
    private final int sessions;

    public StoreModelOpener(ModelStore store, ModelConfig model, int sessions) {
        this.store = store;
        this.model = model;
        this.sessions = sessions;
    }

    @Override
    public Generator call() throws Exception {
        if (store.state().active().isEmpty()) {
            Path first = ModelSource.resolve(model);
            ModelManifest m = ModelBundle.open(first).manifest();
            store.firstInstall(first, m.name(), m.version(), ModelSource.describe(model));
            LOG.info("first install into the model store {}: {} {} from {}", store.directory(), m.name(), m.version(),
                    ModelSource.describe(model));
        }
        Path active = store.activeBundle().orElseThrow(() -> new FileNotFoundException("the model store in "
                + store.directory() + " has no active release"));
        try {
            return ModelOpener.open(active, model, sessions);
        } catch (Exception | LinkageError e) {
            if (store.state().previous().isEmpty()) {
                throw e;
            }
            LOG.error("the active release {} does not load ({}); rolling back", active, e.getMessage());
            store.rollback(store.newId(), Attempt.Kind.AUTOMATIC_ROLLBACK, ReasonCode.LOAD_FAILED,
                    "the active release did not load at start: " + e.getMessage());
            return ModelOpener.open(store.activeBundle().orElseThrow(), model, sessions);
        }
    }
}
