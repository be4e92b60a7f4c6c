package io.minnow.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** What runs when the vectorized kernels cannot: the model must never be lost to a missing species. */
class KernelSelectionTest {

    @Test
    void vectorizedKernelsThatFailToInitializeFallBackToTheScalarReference() {
        Dot chosen = KernelSelection.choose("auto", true, "aarch64", () -> {
            throw new ExceptionInInitializerError(new IllegalArgumentException("Bad vector bit-size: 32"));
        });

        assertThat(chosen.name()).isEqualTo("scalar");
    }

    @Test
    void vectorizedKernelsThatDisagreeWithTheReferenceFallBackToIt() {
        Dot chosen = KernelSelection.choose("auto", true, "aarch64", OffByOne::new);

        assertThat(chosen.name()).isEqualTo("scalar");
    }

    @Test
    void forcingVectorKernelsThatCannotRunNamesTheCause() {
        assertThatThrownBy(() -> KernelSelection.choose("vector", true, "aarch64", () -> {
            throw new ExceptionInInitializerError(new IllegalArgumentException("Bad vector bit-size: 32"));
        })).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ExceptionInInitializerError; caused by IllegalArgumentException: Bad vector bit-size: 32");
    }

    @Test
    void theRealVectorKernelsPassTheStartUpCheckAtThisJvmsWidth() {
        Dot chosen = KernelSelection.choose("vector", true, "aarch64", VectorDot::new);

        assertThat(chosen.name()).startsWith("vector");
    }

    @Test
    void withoutTheVectorModuleTheScalarReferenceRuns() {
        assertThat(KernelSelection.choose("auto", false, "amd64", VectorDot::new).name()).isEqualTo("scalar");
        assertThatThrownBy(() -> KernelSelection.choose("vector", false, "amd64", VectorDot::new))
                .hasMessageContaining("--add-modules=jdk.incubator.vector");
    }

    @Test
    void on32BitArmTheScalarReferenceRunsUnlessVectorIsForced() {
        assertThat(KernelSelection.choose("auto", true, "arm", VectorDot::new).name()).isEqualTo("scalar");
        assertThat(KernelSelection.choose("vector", true, "arm", VectorDot::new).name()).startsWith("vector");
    }

    @Test
    void vectorsNarrowerThan128BitsAreNotUsedUnlessForced() {
        assertThat(KernelSelection.choose("auto", true, "amd64", Narrow::new).name()).isEqualTo("scalar");
        assertThat(KernelSelection.choose("vector", true, "amd64", Narrow::new).name()).isEqualTo("narrow");
    }

    @Test
    void theCheckNamesTheFirstProductThatDiffers() {
        assertThatThrownBy(() -> KernelSelection.checkAgainstReference(new OffByOne()))
                .hasMessageContaining("int8 dot differs from the scalar reference");
    }

    /** A correct kernel in 64-bit registers. */
    private static final class Narrow extends Dot {
        @Override
        int vectorBits() {
            return 64;
        }

        @Override
        String name() {
            return "narrow";
        }
    }

    /** A broken kernel: every int8 product is one too high. */
    private static final class OffByOne extends Dot {
        @Override
        int dot(int[] a, int aOff, byte[] b, int bOff, int n) {
            return super.dot(a, aOff, b, bOff, n) + 1;
        }

        @Override
        String name() {
            return "off by one";
        }
    }
}
