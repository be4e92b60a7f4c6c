package io.minnow.agent;

import io.minnow.agent.inference.ModelSource;
import io.minnow.config.ModelConfig;
import io.minnow.runtime.generate.Generator;
import java.util.concurrent.Callable;

/** Opens the configured model bundle as a {@link Generator}. Stateless. */
final class ModelOpener {
    private ModelOpener() {}

    static Callable<Generator> forConfig(ModelConfig model) {
        return () -> {
            ModelSource.resolve(model);
            throw new UnsupportedOperationException("this build cannot read model bundles yet");
        };
    }
}
