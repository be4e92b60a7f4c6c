package io.minnow.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.lm.ModelConvention;
import io.minnow.runtime.lm.RandomTransformer;
import io.minnow.runtime.lm.TransformerConfig;
import io.minnow.runtime.lm.TransformerExporter;
import io.minnow.runtime.testing.KvCacheDriver;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Random truncations and bit flips over a real (small) model: loading either succeeds or fails with an {@link
 * InvalidModelException}; a model that loads builds a Java interpreter and runs a prefill step or fails with a
 * clear exception ({@link InvalidModelException} or an {@link IllegalArgumentException} naming an operator).
 * Never another exception, a JVM crash, a hang (each case is bounded) or an unbounded allocation.
 */
class ModelFuzzTest {
    private static final int CASES = 400;
    private static final TransformerConfig CONFIG = new TransformerConfig(23, 6, 8, 2, 1, 16);
    private static final InterpreterOptions JAVA = InterpreterOptions.DEFAULT.withBackend(BackendChoice.JAVA);

    @Test
    void corruptedModelsFailCleanlyOrRun() {
        byte[] original = TransformerExporter.export(RandomTransformer.weights(CONFIG, 2), ModelConvention.KV_CACHE);
        SplittableRandom rnd = new SplittableRandom(20261128);
        int loaded = 0;
        int rejected = 0;
        for (int c = 0; c < CASES; c++) {
            byte[] mutated = mutate(original, rnd);
            String what = "case " + c;
            Boolean ok = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> tryModel(mutated, what),
                    what + " hung");
            if (ok) {
                loaded++;
            } else {
                rejected++;
            }
        }
        assertThat(rejected).as("most corruptions of the table area must be caught").isGreaterThan(CASES / 10);
        assertThat(loaded).as("corrupting weight bytes leaves loadable models").isGreaterThan(0);
    }

    private static byte[] mutate(byte[] original, SplittableRandom rnd) {
        if (rnd.nextInt(4) == 0) {
            return Arrays.copyOf(original, rnd.nextInt(original.length));
        }
        byte[] m = original.clone();
        int flips = 1 + rnd.nextInt(8);
        // Weights dominate the file; flip half the bits in the first and last kilobytes where the tables live.
        for (int f = 0; f < flips; f++) {
            int pos = switch (rnd.nextInt(3)) {
                case 0 -> rnd.nextInt(Math.min(1024, m.length));
                case 1 -> m.length - 1 - rnd.nextInt(Math.min(4096, m.length));
                default -> rnd.nextInt(m.length);
            };
            m[pos] ^= (byte) (1 << rnd.nextInt(8));
        }
        return m;
    }

    /** True if the model loaded, false if rejected cleanly; fails the test on any other outcome. */
    private static boolean tryModel(byte[] bytes, String what) {
        TfliteModel model;
        try {
            model = TfliteModel.fromBytes(bytes);
        } catch (InvalidModelException e) {
            assertThat(e.getMessage()).isNotBlank();
            return false;
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": loading threw " + e, e);
        }
        try (Interpreter in = Interpreters.create(model, JAVA)) {
            if (in.signatureKeys().contains("prefill")) {
                new KvCacheDriver(in, CONFIG.layers(), CONFIG.heads(), CONFIG.headDim()).step(1, 2, 3);
            }
        } catch (InvalidModelException | IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (RuntimeException e) {
            fail(what + ": running threw " + e, e);
        }
        return true;
    }
}
