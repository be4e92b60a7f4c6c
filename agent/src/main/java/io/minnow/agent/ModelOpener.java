package io.minnow.agent;

import io.minnow.agent.inference.ModelSource;
import io.minnow.config.ModelBackend;
import io.minnow.config.ModelConfig;
import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.Causes;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.bundle.BundleGenerator;
import io.minnow.runtime.bundle.GeneratorConfig;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import io.minnow.runtime.generate.TextSink;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.tokenizer.Tokenizer;
import io.minnow.runtime.tokenizer.TokenizerJson;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
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
        Generator generator = BundleGenerator.open(bundle.manifest(), tokenizer,
                () -> Interpreters.create(tflite, options), GeneratorConfig.DEFAULT.withSessions(sessions),
                System::nanoTime);
        try {
            warmUp(generator);
        } catch (GenerationException | RuntimeException e) {
            generator.close();
            throw new IllegalStateException("the model loaded but could not generate: " + Causes.describe(e), e);
        }
        return generator;
    }

    /**
     * Runs two greedy tokens so a model that cannot generate is refused at start-up, and so the first
     * device's request does not pay for the JIT compiling the Java backend's kernels (seconds on a fresh JVM).
     */
    private static void warmUp(Generator generator) throws GenerationException {
        SamplingOptions twoGreedyTokens =
                new SamplingOptions(2, 0f, 0, 1f, 0f, 1f, OptionalLong.empty(), List.of());
        generator.generate(GenerationRequest.of(new PromptInput.Text("warm up"), twoGreedyTokens), TextSink.NONE);
    }

    private static BackendChoice backend(ModelBackend b) {
        return switch (b) {
            case AUTO -> BackendChoice.AUTO;
            case JAVA -> BackendChoice.JAVA;
            case NATIVE -> BackendChoice.NATIVE;
        };
    }
}
