package io.minnow.runtime.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.minnow.runtime.Backend;
import io.minnow.runtime.BackendChoice;
import io.minnow.runtime.InterpreterOptions;
import io.minnow.runtime.Interpreters;
import io.minnow.runtime.generate.ChatMessage;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import io.minnow.runtime.generate.TextSink;
import io.minnow.runtime.lm.ModelConvention;
import io.minnow.runtime.model.TfliteModel;
import io.minnow.runtime.nativert.NativeLibrary;
import io.minnow.runtime.testing.TestBundles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End to end on real random-weight transformers: a bundle written by {@link TestBundles}, opened from its
 * file, run by each backend in both conventions.
 */
class RandomModelGenerationTest {
    private static final String PROMPT = "The pump in the east wing";

    @TempDir
    static Path dir;
    private static Path kvBundle;
    private static Path windowBundle;
    private static final List<BundleGenerator> OPEN = new ArrayList<>();

    @BeforeAll
    static void writeBundles() {
        kvBundle = TestBundles.writeRandomBundle(dir.resolve("kv.minnow"), ModelConvention.KV_CACHE, TestBundles.tiny(), 7);
        windowBundle = TestBundles.writeRandomBundle(dir.resolve("window.minnow"), ModelConvention.WINDOW,
                TestBundles.tiny(), 7);
    }

    @AfterAll
    static void closeAll() {
        OPEN.forEach(BundleGenerator::close);
    }

    private static BundleGenerator open(Path bundle, Backend backend, GeneratorConfig config) throws BundleException {
        if (backend == Backend.NATIVE) {
            assumeThat(NativeLibrary.load(Optional.empty()).available())
                    .as("the native TensorFlow Lite library loads here").isTrue();
        }
        BackendChoice choice = backend == Backend.NATIVE ? BackendChoice.NATIVE : BackendChoice.JAVA;
        BundleGenerator g = BundleGenerator.open(bundle, InterpreterOptions.DEFAULT.withBackend(choice), config);
        OPEN.add(g);
        return g;
    }

    private static SamplingOptions greedy(int maxTokens) {
        return new SamplingOptions(maxTokens, 0f, 0, 1f, 0f, 1f, OptionalLong.empty(), List.of());
    }

    private static GenerationResult run(BundleGenerator g, PromptInput input, SamplingOptions sampling)
            throws Exception {
        return g.generate(GenerationRequest.of(input, sampling), TextSink.NONE);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void kvCacheAndWindowConventionsOfTheSameWeightsAgreeToken(Backend backend) throws Exception {
        BundleGenerator kv = open(kvBundle, backend, GeneratorConfig.DEFAULT);
        BundleGenerator window = open(windowBundle, backend, GeneratorConfig.DEFAULT);
        assertThat(kv.backend()).isEqualTo(backend);
        GenerationResult a = run(kv, new PromptInput.Text(PROMPT), greedy(12));
        GenerationResult b = run(window, new PromptInput.Text(PROMPT), greedy(12));
        assertThat(a.completionTokens()).isPositive();
        assertThat(a.text()).isEqualTo(b.text());
        assertThat(a.finishReason()).isEqualTo(b.finishReason());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCachedPrefixGivesTheSameAnswerAsComputingItAll(Backend backend) throws Exception {
        BundleGenerator cached = open(kvBundle, backend, GeneratorConfig.DEFAULT);
        BundleGenerator uncached = open(kvBundle, backend, GeneratorConfig.DEFAULT.withPrefixCacheBytes(0));
        PromptInput first = new PromptInput.Template(TestBundles.TEMPLATE, Map.of("question", "is the valve open?"));
        PromptInput second = new PromptInput.Template(TestBundles.TEMPLATE, Map.of("question", "is the fan on?"));
        run(cached, first, greedy(6));
        GenerationResult hit = run(cached, second, greedy(10));
        GenerationResult miss = run(uncached, second, greedy(10));
        assertThat(hit.cachedPromptTokens()).isGreaterThan(3);
        assertThat(miss.cachedPromptTokens()).isZero();
        assertThat(hit.text()).isEqualTo(miss.text());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theSameSeedSamplesTheSameTextAndStreamsWholeCharacters(Backend backend) throws Exception {
        BundleGenerator g = open(kvBundle, backend, GeneratorConfig.DEFAULT.withPrefixCacheBytes(0));
        SamplingOptions hot = new SamplingOptions(24, 1.5f, 0, 1f, 0f, 1.1f, OptionalLong.of(42), List.of());
        List<String> deltas = new ArrayList<>();
        GenerationResult one = g.generate(GenerationRequest.of(new PromptInput.Text(PROMPT), hot), deltas::add);
        GenerationResult two = run(g, new PromptInput.Text(PROMPT), hot);
        assertThat(one.text()).isEqualTo(two.text());
        assertThat(String.join("", deltas)).isEqualTo(one.text());
        for (String delta : deltas) {
            assertThat(new String(delta.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(delta);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void chatAndMaxTokensWorkOnARealModel(Backend backend) throws Exception {
        BundleGenerator g = open(kvBundle, backend, GeneratorConfig.DEFAULT);
        GenerationResult r = run(g, new PromptInput.Chat(List.of(new ChatMessage("system", "Be brief."),
                new ChatMessage("user", "Status of pump 3?"))), new SamplingOptions(5, 0f, 0, 1f, 0f, 1f,
                OptionalLong.empty(), List.of()));
        assertThat(r.completionTokens()).isLessThanOrEqualTo(5);
        assertThat(r.promptTokens()).isGreaterThan(10);
        assertThat(g.model().contextLength()).isEqualTo(TestBundles.CONTEXT_LENGTH);
    }

    /** TensorFlow Lite 2.6.2's GATHER does not check bounds, so only the Java backend can catch this. */
    @Test
    void aDeclaredContextLongerThanTheModelsPositionTableIsRejectedByTheJavaBackend() throws Exception {
        ModelBundle bundle = ModelBundle.open(kvBundle);
        ModelManifest m = bundle.manifest();
        ModelManifest tooLong = new ModelManifest(m.name(), m.version(), m.convention(), 4 * m.contextLength(),
                m.vocabSize(), m.specialTokens(), m.templates(), m.chatTemplate(), m.evaluation(), m.licence(), null);
        TfliteModel model = TfliteModel.fromBuffer(bundle.model());
        InterpreterOptions options = InterpreterOptions.DEFAULT.withBackend(BackendChoice.JAVA);
        assertThatThrownBy(() -> BundleGenerator.open(tooLong, bundle.tokenizer(),
                () -> Interpreters.create(model, options), GeneratorConfig.DEFAULT, System::nanoTime))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.field()).isEqualTo("model.json:context_length"))
                .hasMessageContaining("fails at position " + (4 * m.contextLength() - 1));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void generationStopsWithLengthAtTheEndOfTheContext(Backend backend) throws Exception {
        BundleGenerator g = open(kvBundle, backend, GeneratorConfig.DEFAULT);
        // Repeat penalty off and a bos-free prompt: a random model rarely picks eos among 272 tokens in 3 steps.
        GenerationResult r = run(g, new PromptInput.Text("x".repeat(TestBundles.CONTEXT_LENGTH - 3)), greedy(100));
        assertThat(r.promptTokens()).isEqualTo(TestBundles.CONTEXT_LENGTH - 3);
        assertThat(r.finishReason()).isEqualTo(io.minnow.runtime.generate.FinishReason.LENGTH);
        assertThat(r.promptTokens() + r.completionTokens()).isEqualTo(TestBundles.CONTEXT_LENGTH);
    }
}
