package io.minnow.modeltools.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class DjlGptTest {

    static final GptConfig TINY = new GptConfig(40, 16, 16, 1, 2, 32);

    @Test
    void forwardPassesLeaveNothingInTheModelsManager() {
        try (NDManager root = Engine.getEngine("PyTorch").newBaseManager();
             DjlGpt model = new DjlGpt(GptWeights.initial(TINY, 1), root, false)) {
            NDManager modelManager = model.parameters().get("tok_emb").getManager();
            int before = modelManager.getManagedArrays().size();
            for (int t = 1; t <= TINY.contextLength(); t++) {
                try (NDManager step = root.newSubManager()) {
                    model.forward(step.create(new long[t], new Shape(1, t)));
                }
            }
            // Evaluation runs one forward pass per generated token, at every length up to the context: anything
            // kept per length grows with the cube of the context.
            assertThat(modelManager.getManagedArrays()).hasSize(before);
        }
    }
}
