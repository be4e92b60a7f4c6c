package io.minnow.runtime.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The kernels this test JVM actually runs: vectorized with the vector module (a silent fall-back to scalar
 * would hide a broken vector kernel from every conformance test), scalar without it, and at the width the
 * surefire execution asked for ({@code minnow.expected.vector.bits}). Touches no Vector API class itself, so
 * it also runs in the execution without the module.
 */
class KernelsInUseTest {

    @Test
    void theKernelsInUseMatchThisJvm() {
        boolean vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        if (!vectorModule) {
            assertThat(Dot.INSTANCE.name()).isEqualTo("scalar");
            return;
        }
        assertThat(Dot.INSTANCE.name()).startsWith("vector");
        String expectedBits = System.getProperty("minnow.expected.vector.bits");
        if (expectedBits != null) {
            assertThat(Dot.INSTANCE.name()).as("this run's -XX:MaxVectorSize")
                    .contains(expectedBits + "-bit ints");
        }
    }
}
