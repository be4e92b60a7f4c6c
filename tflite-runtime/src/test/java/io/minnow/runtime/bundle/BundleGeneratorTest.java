package io.minnow.runtime.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.runtime.generate.CancellationToken;
import io.minnow.runtime.generate.ChatMessage;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import io.minnow.runtime.generate.TextSink;
import io.minnow.runtime.testing.RecordingKvInterpreter;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generator's request handling (rendering, context, prefix cache, sessions) over a recording stand-in
 * model whose greedy answer to a token is the next byte; real models run in {@link RandomModelGenerationTest}.
 */
class BundleGeneratorTest {
    private static final ModelManifest MANIFEST = new ModelManifest("fake", "0.1", Convention.KV_CACHE, 16, 257,
            new SpecialTokens(null, ByteTokenizer.EOS, null), Map.of("next", "after {{x}}:"),
            new ChatTemplate("", Map.of("user", "u{{content}}"), "a"), null, null, null);

    private final AtomicLong clock = new AtomicLong();
    private final List<RecordingKvInterpreter> interpreters = new CopyOnWriteArrayList<>();
    private BundleGenerator generator;

    private BundleGenerator open(GeneratorConfig config) throws BundleException {
        generator = BundleGenerator.open(MANIFEST, new ByteTokenizer(), () -> {
            RecordingKvInterpreter i = new RecordingKvInterpreter(1, 1, 2, 257);
            interpreters.add(i);
            return i;
        }, config, clock::get);
        return generator;
    }

    @AfterEach
    void close() {
        if (generator != null) {
            generator.close();
        }
    }

    private static GenerationRequest request(PromptInput input, int maxTokens) {
        return GenerationRequest.of(input, new SamplingOptions(maxTokens, 0f, 0, 1f, 0f, 1f, OptionalLong.empty(), List.of()));
    }

    private static GenerationRequest text(String prompt, int maxTokens) {
        return request(new PromptInput.Text(prompt), maxTokens);
    }

    private static ErrorCode codeOf(Throwable e) {
        return ((GenerationException) e).code();
    }

    @Test
    void generatesFromAPrompt() throws Exception {
        GenerationResult r = open(GeneratorConfig.DEFAULT).generate(text("ab", 3), TextSink.NONE);
        assertThat(r.text()).isEqualTo("cde");
        assertThat(r.promptTokens()).isEqualTo(2);
        assertThat(generator.model().name()).isEqualTo("fake");
        assertThat(generator.model().templates()).containsExactly("next");
    }

    @Test
    void rendersNamedTemplatesAndChats() throws Exception {
        open(GeneratorConfig.DEFAULT);
        assertThat(generator.generate(request(new PromptInput.Template("next", Map.of("x", "q")), 1), TextSink.NONE)
                .promptTokens()).isEqualTo("after q:".length());
        assertThat(generator.generate(request(new PromptInput.Chat(List.of(new ChatMessage("user", "hi"))), 2),
                TextSink.NONE).text()).isEqualTo("bc");
    }

    @Test
    void anUnknownTemplateIsABadRequestListingTheKnownOnes() throws Exception {
        open(GeneratorConfig.DEFAULT);
        assertThatThrownBy(() -> generator.generate(request(new PromptInput.Template("nope", Map.of()), 1), TextSink.NONE))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.BAD_REQUEST))
                .hasMessageContaining("'nope'").hasMessageContaining("[next]");
    }

    @Test
    void aPromptPastTheContextIsTooLargeAndRunsNothing() throws Exception {
        open(GeneratorConfig.DEFAULT);
        int callsBefore = interpreters.get(0).calls.size();
        assertThatThrownBy(() -> generator.generate(text("x".repeat(16), 1), TextSink.NONE))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.TOO_LARGE))
                .hasMessageContaining("16 tokens").hasMessageContaining("at most 15 tokens");
        assertThat(interpreters.get(0).calls).hasSize(callsBefore);
        assertThat(generator.generate(text("x".repeat(15), 5), TextSink.NONE).completionTokens()).isEqualTo(1);
    }

    @Test
    void leftTruncationKeepsTheEndOfThePromptAndRoomToAnswer() throws Exception {
        open(GeneratorConfig.DEFAULT.withOverflow(GeneratorConfig.ContextOverflow.TRUNCATE_LEFT));
        GenerationResult r = generator.generate(text("0123456789abcdefghij", 4), TextSink.NONE);
        assertThat(r.promptTokens()).isEqualTo(12);
        assertThat(r.completionTokens()).isEqualTo(4);
        assertThat(r.text()).isEqualTo("klmn");
    }

    @Test
    void aRepeatedPrefixIsTakenFromTheCacheNotRecomputed() throws Exception {
        open(GeneratorConfig.DEFAULT);
        generator.generate(text("hello", 2), TextSink.NONE);
        RecordingKvInterpreter model = interpreters.get(0);
        int before = model.calls.size();
        GenerationResult second = generator.generate(text("help", 1), TextSink.NONE);
        assertThat(second.cachedPromptTokens()).isEqualTo(3);
        RecordingKvInterpreter.Call firstCall = model.calls.get(before);
        assertThat(firstCall.signature()).isEqualTo("decode");
        assertThat(firstCall.inputs().get("tokens").toIntArray()).containsExactly('p');
        assertThat(second.text()).isEqualTo("q");
    }

    @Test
    void withTheCacheOffEveryPromptIsComputedInFull() throws Exception {
        open(GeneratorConfig.DEFAULT.withPrefixCacheBytes(0));
        generator.generate(text("hello", 2), TextSink.NONE);
        assertThat(generator.generate(text("help", 1), TextSink.NONE).cachedPromptTokens()).isZero();
    }

    @Test
    void aBusyModelMakesTheNextRequestWaitUntilItsDeadline() throws Exception {
        open(GeneratorConfig.DEFAULT);
        CountDownLatch streaming = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<GenerationResult> first = CompletableFuture.supplyAsync(() -> {
            try {
                return generator.generate(text("a", 2), delta -> {
                    streaming.countDown();
                    await(release);
                });
            } catch (GenerationException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(streaming.await(10, TimeUnit.SECONDS)).isTrue();
        GenerationRequest late = new GenerationRequest(new PromptInput.Text("b"), SamplingOptions.GREEDY,
                OptionalLong.of(clock.get()), new CancellationToken());
        assertThatThrownBy(() -> generator.generate(late, TextSink.NONE))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.TIMEOUT))
                .hasMessageContaining("waiting for the model");
        CancellationToken cancelled = new CancellationToken();
        cancelled.cancel();
        assertThatThrownBy(() -> generator.generate(new GenerationRequest(new PromptInput.Text("b"),
                SamplingOptions.GREEDY, OptionalLong.empty(), cancelled), TextSink.NONE))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.CANCELLED));
        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).text()).isEqualTo("bc");
        assertThat(interpreters).hasSize(1);
    }

    @Test
    void twoSessionsServeTwoRequestsAtOnce() throws Exception {
        open(GeneratorConfig.DEFAULT.withSessions(2));
        CountDownLatch bothStreaming = new CountDownLatch(2);
        Runnable run = () -> {
            try {
                generator.generate(text("a", 2), delta -> {
                    bothStreaming.countDown();
                    await(bothStreaming);
                });
            } catch (GenerationException e) {
                throw new IllegalStateException(e);
            }
        };
        CompletableFuture<Void> one = CompletableFuture.runAsync(run);
        CompletableFuture<Void> two = CompletableFuture.runAsync(run);
        CompletableFuture.allOf(one, two).get(10, TimeUnit.SECONDS);
        assertThat(interpreters).hasSize(2);
    }

    @Test
    void aModelFailureIsInternalAndTheSessionIsReplaced() throws Exception {
        open(GeneratorConfig.DEFAULT);
        interpreters.get(0).failNextRun = true;
        assertThatThrownBy(() -> generator.generate(text("a", 2), TextSink.NONE))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.INTERNAL));
        assertThat(interpreters.get(0).closed).isTrue();
        assertThat(generator.generate(text("a", 2), TextSink.NONE).text()).isEqualTo("bc");
        assertThat(interpreters).hasSize(2);
    }

    @Test
    void aClosedGeneratorIsUnavailable() throws Exception {
        open(GeneratorConfig.DEFAULT).close();
        assertThat(interpreters.get(0).closed).isTrue();
        assertThatThrownBy(() -> generator.generate(text("a", 1), TextSink.NONE))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.MODEL_UNAVAILABLE));
    }

    @Test
    void refusesATokenizerOfAnotherVocabularySize() {
        ModelManifest other = new ModelManifest("x", "1", Convention.KV_CACHE, 16, 300, null, null, null, null, null, null);
        assertThatThrownBy(() -> BundleGenerator.open(other, new ByteTokenizer(),
                () -> new RecordingKvInterpreter(1, 1, 2, 300), GeneratorConfig.DEFAULT, clock::get))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.field()).isEqualTo("model.json:vocab_size"));
    }

    @Test
    void refusesAModelWhoseLogitsDisagreeWithTheManifestAndClosesIt() {
        RecordingKvInterpreter wrong = new RecordingKvInterpreter(1, 1, 2, 100);
        assertThatThrownBy(() -> BundleGenerator.open(MANIFEST, new ByteTokenizer(), () -> wrong,
                GeneratorConfig.DEFAULT, clock::get))
                .isInstanceOfSatisfying(BundleException.class,
                        e -> assertThat(e.field()).isEqualTo("model.tflite:logits"))
                .hasMessageContaining("[1, 1, 100]");
        assertThat(wrong.closed).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
