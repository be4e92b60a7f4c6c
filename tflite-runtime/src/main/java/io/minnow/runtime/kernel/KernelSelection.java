package io.minnow.runtime.kernel;

import io.minnow.runtime.Causes;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the inner-product implementation once per JVM: the vectorized one when the {@code
 * jdk.incubator.vector} module is present (start the JVM with {@code --add-modules=jdk.incubator.vector})
 * on a CPU where HotSpot compiles it to SIMD (x86-64, arm64) with vectors of at least 128 bits and it passes a
 * quick check against the scalar reference, else the scalar reference. The system property
 * {@code minnow.kernels} ({@code auto}, {@code vector}, {@code scalar}) overrides the choice. Logs one line
 * ({@code Java backend kernels: ...}) saying which runs, at what vector width, and how to get the faster one.
 *
 * <p>Under {@code auto} a vectorized implementation that cannot be set up on this CPU (the Vector API
 * refuses a species, say) or that disagrees with the reference costs speed, never the model: the scalar
 * reference runs and the log line says why.
 */
final class KernelSelection {
    static final String PROPERTY = "minnow.kernels";
    /** {@code os.arch} values where HotSpot's C2 turns Vector API operations into SIMD instructions. */
    static final Set<String> SIMD_ARCHITECTURES = Set.of("amd64", "x86_64", "aarch64");
    /** Narrower vectors than this run slower than the scalar reference. */
    static final int MIN_VECTOR_BITS = 128;
    private static final Logger LOG = LoggerFactory.getLogger(KernelSelection.class);

    private KernelSelection() {}

    static Dot dot() {
        String wanted = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        // A lambda, not VectorDot::new: a method reference links VectorDot where it is created, and without the
        // vector module that throws NoClassDefFoundError even when only the scalar kernels are wanted.
        return choose(wanted, ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
                System.getProperty("os.arch", ""), () -> new VectorDot());
    }

    /** {@link #dot()} with the module check, the CPU architecture and the vectorized implementation given. */
    static Dot choose(String wanted, boolean vectorModule, String arch, Supplier<Dot> vectorized) {
        if (wanted.equals("scalar")) {
            LOG.info("Java backend kernels: scalar reference ({}=scalar)", PROPERTY);
            return new Dot();
        }
        if (!wanted.equals("auto") && !wanted.equals("vector")) {
            throw new IllegalArgumentException(PROPERTY + " must be auto, vector or scalar, got '" + wanted + "'");
        }
        if (!vectorModule) {
            if (wanted.equals("vector")) {
                throw new IllegalStateException(PROPERTY + "=vector needs the JVM option "
                        + "--add-modules=jdk.incubator.vector");
            }
            LOG.info("Java backend kernels: scalar reference; start the JVM with --add-modules=jdk.incubator.vector "
                    + "for the vectorized ones");
            return new Dot();
        }
        if (wanted.equals("auto") && !SIMD_ARCHITECTURES.contains(arch)) {
            // Elsewhere (32-bit ARM above all) HotSpot runs the Vector API as plain Java objects: measured on an
            // emulated Cortex-A7, the default model answered in 9 s with the scalar kernels and over 120 s with them.
            LOG.info("Java backend kernels: scalar reference; this JVM does not compile the Vector API to SIMD "
                    + "instructions on {} (only on {}); -D{}=vector forces them", arch, SIMD_ARCHITECTURES, PROPERTY);
            return new Dot();
        }
        Dot vector;
        try {
            vector = vectorized.get();
            checkAgainstReference(vector);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a species the CPU lacks fails in VectorDot's static initializer
            // (ExceptionInInitializerError, then NoClassDefFoundError on every later use).
            String why = Causes.describe(e);
            if (wanted.equals("vector")) {
                throw new IllegalStateException(PROPERTY + "=vector, but the vectorized kernels cannot run on "
                        + "this JVM and CPU: " + why, e);
            }
            LOG.warn("Java backend kernels: scalar reference, because the vectorized ones could not be set up "
                    + "on this JVM and CPU ({}); the model runs, only slower. Please report this with the output "
                    + "of 'java -XX:+PrintFlagsFinal -version | grep MaxVectorSize'", why);
            return new Dot();
        }
        if (wanted.equals("auto") && vector.vectorBits() < MIN_VECTOR_BITS) {
            // Two int lanes do not pay for the conversions: on x86 with -XX:MaxVectorSize=8 a decode step took
            // ~15x longer than with the scalar kernels (InterpreterBenchmark).
            LOG.info("Java backend kernels: scalar reference; this JVM's vectors are {} bits, too narrow to pay off "
                    + "(below {}); -D{}=vector forces them", vector.vectorBits(), MIN_VECTOR_BITS, PROPERTY);
            return new Dot();
        }
        LOG.info("Java backend kernels: {}", vector.name());
        return vector;
    }

    /**
     * Compares {@code candidate} with the reference on a few seeded inputs that reach its vector loops and
     * scalar tails: integer results must be equal, float ones within rounding.
     *
     * @throws IllegalStateException naming the first product that differs
     */
    static void checkAgainstReference(Dot candidate) {
        Dot reference = new Dot();
        SplittableRandom rnd = new SplittableRandom(17);
        int n = 203; // not a multiple of any vector length: the tails run too
        int[] a = new int[2 * n];
        byte[] b = new byte[4 * n];
        float[] x = new float[n];
        float[] y = new float[n];
        for (int k = 0; k < a.length; k++) {
            a[k] = rnd.nextInt(-127, 128);
        }
        for (int k = 0; k < b.length; k++) {
            b[k] = (byte) rnd.nextInt(-128, 128);
        }
        double magnitude = 0;
        for (int k = 0; k < n; k++) {
            x[k] = (float) rnd.nextDouble(-1, 1);
            y[k] = (float) rnd.nextDouble(-1, 1);
            magnitude += Math.abs(x[k] * y[k]);
        }
        if (candidate.dot(a, 1, b, 3, n - 1) != reference.dot(a, 1, b, 3, n - 1)) {
            throw new IllegalStateException(candidate.name() + ": int8 dot differs from the scalar reference");
        }
        int[] expected = new int[8];
        int[] actual = new int[8];
        for (int rows = 1; rows <= 2; rows++) {
            reference.dot4(a, 0, n, rows, b, 0, n, n, expected);
            candidate.dot4(a, 0, n, rows, b, 0, n, n, actual);
            for (int i = 0; i < rows * 4; i++) {
                if (expected[i] != actual[i]) {
                    throw new IllegalStateException(candidate.name() + ": blocked int8 dot (" + rows
                            + " rows) differs from the scalar reference at product " + i);
                }
            }
        }
        float f = candidate.dot(x, 0, y, 0, n);
        float g = reference.dot(x, 0, y, 0, n);
        if (!(Math.abs(f - g) <= 1e-5 * magnitude + 1e-6)) {
            throw new IllegalStateException(candidate.name() + ": float dot " + f + " differs from the scalar "
                    + "reference " + g);
        }
    }
}
