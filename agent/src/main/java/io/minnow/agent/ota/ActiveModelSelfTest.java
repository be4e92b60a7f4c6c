package io.minnow.agent.ota;

import io.minnow.agent.inference.ModelService;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.SelfTest;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.selftest.SelfTestRunner;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs the serving model's own {@code self_test} (its bundle's model.json, docs/ota.md) on demand, e.g. from
 * the board's button: the same prompts and expected answers an update is checked with. The serving generator
 * is thread-safe, so this runs beside requests (competing for the CPU for a few generations). Stateless.
 */
public final class ActiveModelSelfTest {
    private ActiveModelSelfTest() {}

    /**
     * What failed, or empty when the self-test passed or there is nothing to run (no model loaded: that is
     * reported elsewhere; a bundle without a {@code self_test} section).
     */
    public static Optional<String> problem(Optional<Path> activeBundle, ModelService model) {
        Optional<Generator> g = model.generator();
        if (activeBundle.isEmpty() || g.isEmpty()) {
            return Optional.empty();
        }
        try {
            SelfTest test = ModelBundle.open(activeBundle.get()).manifest().selfTest();
            if (test == null) {
                return Optional.empty();
            }
            SelfTestRunner.Report report = SelfTestRunner.run(g.get(), test, System::nanoTime);
            return report.passed() ? Optional.empty()
                    : Optional.of("the model's self-test failed: " + report.summary());
        } catch (Exception e) {
            return Optional.of("the model's self-test could not run: " + e.getMessage());
        }
    }
}
