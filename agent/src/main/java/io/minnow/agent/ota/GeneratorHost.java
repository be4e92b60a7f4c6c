package io.minnow.agent.ota;

import io.minnow.agent.ModelOpener;
import io.minnow.agent.inference.ModelService;
import io.minnow.config.ModelConfig;
import io.minnow.ota.activation.ModelHost;
import io.minnow.ota.verify.ReasonCode;
import io.minnow.ota.verify.UpdateRejected;
import io.minnow.runtime.bundle.BundleException;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.SelfTest;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.ModelInfo;
import io.minnow.runtime.selftest.SelfTestRunner;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The agent's side of model activation: opens a bundle on the configured backend beside the serving model,
 * runs the self-test its model.json declares, and swaps it into the {@link ModelService}. Called on the OTA
 * thread; the serving model keeps answering on the inference workers meanwhile. Thread-safe.
 */
public final class GeneratorHost implements ModelHost {
    private final ModelService model;
    private final ModelConfig modelConfig;
    private final int sessions;
    private volatile SelfTestRunner.Report lastSelfTest;

    /** @param sessions generations that may run at once on one model (the scheduler's workers) */
    public GeneratorHost(ModelService model, ModelConfig modelConfig, int sessions) {
        this.model = model;
        this.modelConfig = modelConfig;
        this.sessions = sessions;
    }

    private record LoadedGenerator(Generator generator) implements Loaded {
        @Override
        public String describe() {
            ModelInfo m = generator.model();
            return m.name() + " " + m.version();
        }

        @Override
        public void discard() {
            generator.close();
        }
    }

    @Override
    public Loaded load(Path bundle) throws UpdateRejected {
        SelfTest test;
        try {
            test = ModelBundle.open(bundle).manifest().selfTest();
        } catch (BundleException e) {
            throw new UpdateRejected(ReasonCode.LOAD_FAILED, "the bundle does not open: " + e.getMessage(), e);
        }
        Generator g;
        try {
            g = ModelOpener.open(bundle, modelConfig, sessions);
        } catch (Exception | LinkageError e) {
            throw new UpdateRejected(ReasonCode.LOAD_FAILED, "the model does not load on this board: " + e.getMessage(), e);
        }
        if (test != null) {
            SelfTestRunner.Report report = SelfTestRunner.run(g, test, System::nanoTime);
            lastSelfTest = report;
            if (!report.passed()) {
                g.close();
                throw new UpdateRejected(ReasonCode.SELF_TEST_FAILED, "self-test failed: " + report.summary());
            }
        }
        return new LoadedGenerator(g);
    }

    @Override
    public void serve(Loaded loaded) {
        model.swap(((LoadedGenerator) loaded).generator());
    }

    /** The report of the last self-test run on a loaded model, if any. */
    public Optional<SelfTestRunner.Report> lastSelfTest() {
        return Optional.ofNullable(lastSelfTest);
    }
}
