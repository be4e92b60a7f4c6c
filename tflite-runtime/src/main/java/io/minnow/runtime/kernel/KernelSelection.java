package io.minnow.runtime.kernel;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the inner-product implementation once per JVM: the vectorized one when the {@code
 * jdk.incubator.vector} module is present (start the JVM with {@code --add-modules=jdk.incubator.vector}),
 * else the scalar reference. The system property {@code minnow.kernels} ({@code auto}, {@code vector},
 * {@code scalar}) overrides the choice. Logs one line saying which runs and how to get the faster one.
 */
final class KernelSelection {
    static final String PROPERTY = "minnow.kernels";
    private static final Logger LOG = LoggerFactory.getLogger(KernelSelection.class);

    private KernelSelection() {}

    static Dot dot() {
        String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        if (wanted.equals("scalar")) {
            LOG.info("Java backend kernels: scalar reference ({}=scalar)", PROPERTY);
            return new Dot();
        }
        if (!wanted.equals("auto") && !wanted.equals("vector")) {
            throw new IllegalArgumentException(PROPERTY + " must be auto, vector or scalar, got '" + wanted + "'");
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            if (wanted.equals("vector")) {
                throw new IllegalStateException(PROPERTY + "=vector needs the JVM option "
                        + "--add-modules=jdk.incubator.vector");
            }
            LOG.info("Java backend kernels: scalar reference; start the JVM with --add-modules=jdk.incubator.vector "
                    + "for the vectorized ones");
            return new Dot();
        }
        Dot vector = new VectorDot();
        LOG.info("Java backend kernels: {}", vector.name());
        return vector;
    }
}
