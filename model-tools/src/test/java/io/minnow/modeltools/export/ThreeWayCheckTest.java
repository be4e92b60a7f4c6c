package io.minnow.modeltools.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.modeltools.train.GptConfig;
import io.minnow.modeltools.train.GptWeights;
import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.Interpreter;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.model.TfliteModel;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ThreeWayCheckTest {

    static final GptConfig TINY = new GptConfig(40, 8, 16, 1, 2, 32);
    static final GptWeights WEIGHTS = GptWeights.initial(TINY, 3);
    static final TfliteModel MODEL = TfliteModel.fromBytes(Int8Export.export(WEIGHTS));

    static Supplier<Interpreter> open(BackendChoice backend) {
        return () -> Interpreters.create(MODEL, new InterpreterOptions(backend, 1, false, Optional.empty()));
    }

    @Test
    void checksTrainingSequencesOneTokenLongerThanTheContext() {
        // A training sequence may hold context + 1 tokens (the last is only a target): plain-text windows always
        // do, so the bundle stage passes such sequences in.
        int[] window = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        ThreeWayCheck.Report report = ThreeWayCheck.run(WEIGHTS, open(BackendChoice.NATIVE), open(BackendChoice.JAVA),
                List.of(window, new int[] {4, 5, 6}));
        assertThat(report.torchVsNative().positions()).isEqualTo(TINY.contextLength() + 3);
        assertThat(report.passes()).as(String.join("\n", report.lines())).isTrue();
    }

    @Test
    void rejectsASequenceTooShortToPredictAnything() {
        assertThatThrownBy(() -> ThreeWayCheck.run(WEIGHTS, open(BackendChoice.NATIVE), open(BackendChoice.JAVA),
                List.of(new int[] {7})))
                .hasMessageContaining("check sequence 0 has 1 token; it needs at least 2");
    }
}
