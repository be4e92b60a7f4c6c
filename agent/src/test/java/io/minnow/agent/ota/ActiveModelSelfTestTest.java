package io.minnow.agent.ota;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.agent.ModelOpener;
import io.minnow.agent.inference.ModelService;
import io.minnow.agent.testing.FakeGenerator;
import io.minnow.config.ConfigLoader;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The button's model self-test: the serving model against its bundle's self_test section. */
class ActiveModelSelfTestTest {
    private static final Path PUMP_4 = Path.of("..", "models", "minnow-pump-4.minnow");

    @Test
    void theDefaultModelPassesItsOwnSelfTest() throws Exception {
        ModelService model = new ModelService("pump-4", ModelOpener.forConfig(
                ConfigLoader.parse("model: {path: " + PUMP_4 + "}", "test").model(), 1));
        model.start();
        try {
            assertThat(ActiveModelSelfTest.problem(Optional.of(PUMP_4), model)).isEmpty();
        } finally {
            model.stop();
        }
    }

    @Test
    void aModelThatDoesNotGiveTheExpectedAnswersFails() {
        ModelService model = new ModelService("echo", () -> new FakeGenerator(0)); // echoes, never answers right
        model.start();
        try {
            assertThat(ActiveModelSelfTest.problem(Optional.of(PUMP_4), model)).hasValueSatisfying(p ->
                    assertThat(p).startsWith("the model's self-test failed: "));
        } finally {
            model.stop();
        }
    }

    @Test
    void nothingToRunIsNoProblem() {
        ModelService none = new ModelService("none", () -> {
            throw new IllegalStateException("no model");
        });
        none.start();
        assertThat(ActiveModelSelfTest.problem(Optional.of(PUMP_4), none)).isEmpty();
        assertThat(ActiveModelSelfTest.problem(Optional.empty(), none)).isEmpty();
    }
}
