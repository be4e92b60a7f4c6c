package io.minnow.agent.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelServiceTest {

    @Test
    void aNativeLibraryThatWillNotLoadLeavesTheModelUnavailableWithItsReason() {
        ModelService model = new ModelService("/opt/minnow/pump.minnow", () -> {
            throw new UnsatisfiedLinkError("no tensorflowlite_jni in java.library.path");
        });

        model.start();

        assertThat(model.generator()).isEmpty();
        assertThat(model.info()).isEmpty();
        assertThat(model.unavailableReason()).isEqualTo("no model could be loaded from /opt/minnow/pump.minnow: "
                + "UnsatisfiedLinkError: no tensorflowlite_jni in java.library.path");
    }

    @Test
    void aFailureWithoutMessageIsReportedByItsTypeAndCauseNeverAsNull() {
        ModelService model = new ModelService("the embedded default bundle", () -> {
            throw new ExceptionInInitializerError(new IllegalArgumentException("Bad vector bit-size: 32"));
        });

        model.start();

        assertThat(model.unavailableReason()).isEqualTo("no model could be loaded from the embedded default bundle: "
                + "ExceptionInInitializerError; caused by IllegalArgumentException: Bad vector bit-size: 32")
                .doesNotContain("null");
    }
}
