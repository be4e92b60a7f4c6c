package io.minnow.agent.testing;

import io.minnow.agent.ModelOpener;
import io.minnow.config.ModelBackend;
import io.minnow.config.ModelConfig;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.testing.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real inference path for end-to-end tests: a random-weight bundle from {@link TestBundles} opened the
 * way the agent opens its configured bundle. Its text is noise; every part that runs is real.
 */
public final class RealModel {
    private RealModel() {}

    /** Opens a fresh generator over the test bundle in {@code dir}, writing the bundle on first use. */
    public static synchronized Generator open(Path dir) throws Exception {
        Path bundle = dir.resolve(TestBundles.NAME + ".minnow");
        if (!Files.exists(bundle)) {
            TestBundles.writeRandomBundle(dir);
        }
        return openBundle(bundle);
    }

    /** Opens {@code bundle} the way the agent opens its configured bundle. */
    public static Generator openBundle(Path bundle) throws Exception {
        return ModelOpener.open(bundle, new ModelConfig(Optional.empty(), ModelBackend.AUTO, 1), 1);
    }
}
