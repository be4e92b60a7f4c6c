package io.minnow.ota.activation;

import io.minnow.ota.verify.UpdateRejected;
import java.nio.file.Path;

/**
 * Where models run: the agent implements this over its model service. The {@link Updater} loads a new model
 * beside the one serving, and switches only when it passed its self-test.
 */
public interface ModelHost {

    /** A model loaded and self-tested, not serving yet. */
    interface Loaded {
        /** e.g. {@code minnow-pump 4.0.0}. */
        String describe();

        /** Frees it; used when it will never serve. */
        void discard();
    }

    /**
     * Loads {@code bundle} beside the serving model and runs the self-test its model.json declares, while the
     * serving model keeps answering.
     *
     * @throws UpdateRejected with {@code load_failed} or {@code self_test_failed} and what went wrong
     */
    Loaded load(Path bundle) throws UpdateRejected;

    /**
     * Makes {@code model} serve: requests already running finish on the old model, queued and new ones run on
     * {@code model}, then the old model is closed. Returns once the old model is closed.
     */
    void serve(Loaded model);
}
