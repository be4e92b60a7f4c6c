package io.minnow.runtime.bench;

import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.bundle.BundleGenerator;
import io.minnow.runtime.bundle.GeneratorConfig;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import io.minnow.runtime.nativert.NativeLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Two bundles side by side in one JVM, on each available backend: the same prompt, greedy, the same number
 * of new tokens (the prefix cache off, so every request pays its prompt), rounds alternating between the
 * two, then best and median milliseconds per request and per generated token. For comparing two versions of
 * a model (a new export, a new recipe) on the board that will run them; compare the ratio, not the times.
 *
 * <p>Run (not part of {@code mvn verify}):
 * <pre>
 * mvn -B -ntp -o -q -pl tflite-runtime test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test \
 *   -Dexec.args="--add-modules=jdk.incubator.vector -cp %classpath io.minnow.runtime.bench.BundlePairBenchmark \
 *   ../models/minnow-pump-3.minnow ../models/minnow-pump-4.minnow"
 * </pre>
 */
public final class BundlePairBenchmark {

    private static final int WARMUP = 10;
    private static final int ROUNDS = 40;
    private static final String PROMPT = "<|status|>pressure=0.8 flow=42 motor_temp=71 vibration=3.0 current=10.4 "
            + "voltage=192 level=15<|answer|>";

    private BundlePairBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BundlePairBenchmark FIRST.minnow SECOND.minnow");
        }
        List<BackendChoice> backends = new ArrayList<>(List.of(BackendChoice.JAVA));
        if (NativeLibrary.load(Optional.empty()).available()) {
            backends.add(BackendChoice.NATIVE);
        }
        // Both answer the same prompt to their end-of-text or to max tokens; the per-token figure evens out
        // answers of different lengths.
        SamplingOptions greedy = new SamplingOptions(48, 0f, 0, 1f, 0f, 1f, OptionalLong.empty(), List.of());
        GeneratorConfig noCache = GeneratorConfig.DEFAULT.withPrefixCacheBytes(0);
        System.out.printf(Locale.ROOT, "%d warm-up + %d alternating rounds, 1 thread, greedy, prefix cache off%n",
                WARMUP, ROUNDS);
        System.out.println("backend  bundle  tokens  best ms  median ms  median ms/token");
        for (BackendChoice backend : backends) {
            InterpreterOptions options = new InterpreterOptions(backend, 1, false, Optional.empty());
            try (BundleGenerator a = BundleGenerator.open(Path.of(args[0]), options, noCache);
                 BundleGenerator b = BundleGenerator.open(Path.of(args[1]), options, noCache)) {
                List<BundleGenerator> gens = List.of(a, b);
                long[][] nanos = new long[2][ROUNDS];
                int[] tokens = new int[2];
                for (int r = -WARMUP; r < ROUNDS; r++) {
                    for (int g = 0; g < 2; g++) {
                        long t0 = System.nanoTime();
                        GenerationResult result = gens.get(g).generate(
                                GenerationRequest.of(new PromptInput.Text(PROMPT), greedy), piece -> { });
                        long t = System.nanoTime() - t0;
                        if (r >= 0) {
                            nanos[g][r] = t;
                            tokens[g] = result.completionTokens();
                        }
                    }
                }
                for (int g = 0; g < 2; g++) {
                    long[] sorted = nanos[g].clone();
                    Arrays.sort(sorted);
                    double median = sorted[ROUNDS / 2] / 1e6;
                    System.out.printf(Locale.ROOT, "%-7s  %-6s  %6d  %7.2f  %9.2f  %15.3f%n", backend,
                            g == 0 ? "first" : "second", tokens[g], sorted[0] / 1e6, median, median / Math.max(1, tokens[g]));
                }
            }
        }
    }
}
