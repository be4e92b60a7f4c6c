package io.minnow.agent.inference;

import io.minnow.config.ModelConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Finds the model bundle to load: the configured {@code model.path}, else the default bundle embedded in the
 * agent's jar, copied to a temporary file because the runtime maps bundles from disk. Stateless.
 */
public final class ModelSource {
    /**
     * Where the runnable jar carries its default bundle: the newest trained version, the one that scores best
     * (docs/default-model.md). Only this one is embedded (agent/pom.xml); earlier versions stay in the
     * repository's models/ for updates and rollback, not in every board's jar.
     */
    public static final String EMBEDDED_RESOURCE = "models/minnow-pump-4.minnow";

    private ModelSource() {}

    /** A description for logs and messages: the file, or the embedded resource. */
    public static String describe(ModelConfig model) {
        return model.path().map(Path::toString).orElse("the embedded default bundle (" + EMBEDDED_RESOURCE + ")");
    }

    /**
     * The bundle file to open.
     *
     * @throws FileNotFoundException when nothing is configured and this build embeds no default bundle
     */
    public static Path resolve(ModelConfig model) throws IOException {
        if (model.path().isPresent()) {
            return model.path().get();
        }
        try (InputStream in = ModelSource.class.getClassLoader().getResourceAsStream(EMBEDDED_RESOURCE)) {
            if (in == null) {
                throw new FileNotFoundException("this build embeds no default model bundle (" + EMBEDDED_RESOURCE
                        + " is missing from the jar); set model.path to a .minnow bundle file");
            }
            Path tmp = Files.createTempFile("minnow-default-", ".minnow");
            tmp.toFile().deleteOnExit();
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            return tmp;
        }
    }
}
