package io.minnow.agent;

import io.minnow.agent.inference.ModelSource;
import io.minnow.config.ModelBackend;
import io.minnow.config.ModelConfig;
import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.bundle.BundleGenerator;
import io.minnow.runtime.bundle.GeneratorConfig;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.tokenizer.Tokenizer;
import io.minnow.runtime.tokenizer.TokenizerJson;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Opens a model bundle file as a {@link Generator} on the configured backend. Stateless. */
public final class ModelOpener {
    private ModelOpener() {}

    /**
     * @param sessions generations that may run at once (the scheduler's worker count): one interpreter each
     */
    public static Callable<Generator> forConfig(ModelConfig model, int sessions) {
        return () -> open(ModelSource.resolve(model), model, sessions);
    }

    public static Generator open(Path file, ModelConfig model, int sessions) throws Exception {
        ModelBundle bundle = ModelBundle.open(file);
        Tokenizer tokenizer = TokenizerJson.parse(new ByteArrayInputStream(bundle.tokenizerJson()));
        TfliteModel tflite = TfliteModel.fromBuffer(bundle.model());
        InterpreterOptions options = InterpreterOptions.DEFAULT.withBackend(backend(model.backend()))
                .withThreads(Math.min(64, model.threads()));
        return BundleGenerator.open(bundle.manifest(), tokenizer, () -> Interpreters.create(tflite, options),
                GeneratorConfig.DEFAULT.withSessions(sessions), System::nanoTime);
    }

    private static BackendChoice backend(ModelBackend b) {
        return switch (b) {
            case AUTO -> BackendChoice.AUTO;
            case JAVA -> BackendChoice.JAVA;
            case NATIVE -> BackendChoice.NATIVE;
        };
    }
}
