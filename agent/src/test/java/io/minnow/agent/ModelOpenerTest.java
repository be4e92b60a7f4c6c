package io.minnow.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.config.ConfigLoader;
import io.minnow.config.ModelBackend;
import io.minnow.config.ModelConfig;
import io.minnow.runtime.bundle.BundleException;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import io.minnow.runtime.generate.TextSink;
import io.minnow.runtime.lm.ModelConvention;
import io.minnow.runtime.lm.TransformerConfig;
import io.minnow.runtime.testing.TestBundles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelOpenerTest {

    @Test
    void withNoModelPathTheDefaultBundleEmbeddedInTheAgentAnswers() throws Exception {
        ModelConfig defaults = ConfigLoader.defaults().model();
        assertThat(defaults.path()).isEmpty();
        try (Generator g = ModelOpener.forConfig(defaults, 1).call()) {
            assertThat(g.model().name()).isEqualTo("minnow-pump");
            assertThat(g.generate(GenerationRequest.of(new PromptInput.Text("The pump"), SamplingOptions.GREEDY),
                    TextSink.NONE).completionTokens()).isPositive();
            assertThat(g.model().defaults()).as("its answers are facts: requests default to greedy, as evaluated")
                    .isEqualTo(new SamplingOptions(SamplingOptions.DEFAULT.maxTokens(), 0f, 0, 1f, 0f, 1f,
                            OptionalLong.empty(), List.of()));
        }
    }

    @Test
    void aModelThatLoadsButCannotGenerateIsRefusedAtStartUp(@TempDir Path dir) throws Exception {
        // A four-token context cannot hold the warm-up prompt: the model would answer every request too_large.
        TransformerConfig fourTokens = new TransformerConfig(TestBundles.tiny().vocabSize(), 4, 32, 2, 2, 64);
        Path bundle = TestBundles.writeRandomBundle(dir.resolve("short.minnow"), ModelConvention.KV_CACHE, fourTokens, 1);
        assertThatThrownBy(() -> ModelOpener.open(bundle, new ModelConfig(Optional.of(bundle), ModelBackend.JAVA, 1), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not generate")
                .hasMessageContaining("context");
    }

    @Test
    void aBrokenBundleFailsWithTheBundlesOwnError(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.minnow"), "not a zip");
        assertThatThrownBy(() -> ModelOpener.open(junk, new ModelConfig(Optional.of(junk), ModelBackend.AUTO, 1), 1))
                .isInstanceOf(BundleException.class);
    }
}
