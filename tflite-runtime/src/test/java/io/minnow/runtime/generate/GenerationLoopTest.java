package io.minnow.runtime.generate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GenerationLoopTest {
    private static final long STEP_NANOS = 1_000_000;
    private static final byte[] FISH = "🐟".getBytes(UTF_8);
    // 0 "a", 1 " ", 2 "EN", 3 "D!", 4..5 a fish split 1+3 bytes, 6 "é", 7 = end token.
    private static final PieceTokenizer TOKENIZER = new PieceTokenizer(List.of(
            "a".getBytes(UTF_8), " ".getBytes(UTF_8), "EN".getBytes(UTF_8), "D!".getBytes(UTF_8),
            new byte[] {FISH[0]}, new byte[] {FISH[1], FISH[2], FISH[3]}, "é".getBytes(UTF_8)));
    private static final int END = TOKENIZER.endId();
    private static final int[] PROMPT = {0, 1, 0};

    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final GenerationLoop loop = new GenerationLoop(TOKENIZER, id -> id == END, clock::get);

    private ScriptedLm lm(int... script) {
        return new ScriptedLm(script, PROMPT.length, TOKENIZER.vocabSize(), 32, clock, STEP_NANOS);
    }

    private static SamplingOptions greedy(int maxTokens, String... stop) {
        return new SamplingOptions(maxTokens, 0f, 0, 1f, 0f, 1f, OptionalLong.empty(), List.of(stop));
    }

    private static GenerationRequest request(SamplingOptions sampling) {
        return GenerationRequest.of(new PromptInput.Text("unused"), sampling);
    }

    @Test
    void stopsAtTheEndTokenWithoutCountingOrPrintingIt() throws Exception {
        List<String> deltas = new ArrayList<>();
        GenerationResult r = loop.run(lm(0, 1, END, 0), PROMPT, request(greedy(10)), deltas::add, clock.get()).result();
        assertThat(r.text()).isEqualTo("a ");
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(r.completionTokens()).isEqualTo(2);
        assertThat(r.promptTokens()).isEqualTo(3);
        assertThat(String.join("", deltas)).isEqualTo(r.text());
    }

    @Test
    void stopsAtMaxTokensWithLength() throws Exception {
        GenerationResult r = loop.run(lm(0, 0, 0, 0, 0), PROMPT, request(greedy(3)), TextSink.NONE, clock.get()).result();
        assertThat(r.text()).isEqualTo("aaa");
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void stopsWithLengthWhenTheContextIsFull() throws Exception {
        ScriptedLm small = new ScriptedLm(new int[0], PROMPT.length, TOKENIZER.vocabSize(), 5, clock, STEP_NANOS);
        GenerationResult r = loop.run(small, PROMPT, request(greedy(100)), TextSink.NONE, clock.get()).result();
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(r.completionTokens()).isEqualTo(2);
        assertThat(r.promptTokens() + r.completionTokens()).isEqualTo(5);
    }

    @Test
    void aStopStringSplitAcrossTokensEndsTheTextAndIsNeverStreamed() throws Exception {
        List<String> deltas = new ArrayList<>();
        GenerationResult r = loop.run(lm(0, 1, 2, 3, 0), PROMPT, request(greedy(10, "END")), deltas::add, clock.get())
                .result();
        assertThat(r.text()).isEqualTo("a ");
        assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(String.join("", deltas)).isEqualTo("a ");
    }

    @Test
    void heldBackTextIsStreamedWhenGenerationEndsOtherwise() throws Exception {
        List<String> deltas = new ArrayList<>();
        GenerationResult r = loop.run(lm(0, 2), PROMPT, request(greedy(2, "END")), deltas::add, clock.get()).result();
        assertThat(r.text()).isEqualTo("aEN");
        assertThat(String.join("", deltas)).isEqualTo("aEN");
    }

    @Test
    void streamedDeltasNeverSplitAUtf8Character() throws Exception {
        List<String> deltas = new ArrayList<>();
        GenerationResult r = loop.run(lm(6, 4, 5, 0, END), PROMPT, request(greedy(10)), deltas::add, clock.get())
                .result();
        assertThat(r.text()).isEqualTo("é🐟a");
        assertThat(deltas).containsExactly("é", "🐟", "a");
    }

    @Test
    void promptIsRunInOneCallThenOneTokenPerStep() throws Exception {
        ScriptedLm lm = lm(0, 0, 0);
        loop.run(lm, PROMPT, request(greedy(3)), TextSink.NONE, clock.get());
        assertThat(lm.calls).hasSize(3);
        assertThat(lm.calls.get(0)).containsExactly(PROMPT);
        assertThat(lm.calls.get(1)).hasSize(1);
    }

    @Test
    void onlyTheUncachedPartOfThePromptIsComputedAndReported() throws Exception {
        ScriptedLm lm = lm(0, END);
        lm.append(new int[] {0, 1});
        lm.calls.clear();
        GenerationResult r = loop.run(lm, PROMPT, request(greedy(5)), TextSink.NONE, clock.get()).result();
        assertThat(lm.calls.get(0)).containsExactly(0);
        assertThat(r.cachedPromptTokens()).isEqualTo(2);
    }

    @Test
    void timingsComeFromTheInjectedClock() throws Exception {
        long start = clock.get();
        GenerationResult r = loop.run(lm(0, 0, 0, END), PROMPT, request(greedy(10)), TextSink.NONE, start).result();
        assertThat(r.prefillNanos()).isEqualTo(STEP_NANOS);
        assertThat(r.decodeNanos()).isEqualTo(3 * STEP_NANOS);
    }

    @Test
    void aPassedDeadlineStopsBetweenTokensWithTimeout() {
        GenerationRequest request = new GenerationRequest(new PromptInput.Text("x"), greedy(100),
                OptionalLong.of(clock.get() + 3 * STEP_NANOS), new CancellationToken());
        ScriptedLm lm = lm();
        assertThatThrownBy(() -> loop.run(lm, PROMPT, request, TextSink.NONE, clock.get()))
                .isInstanceOfSatisfying(GenerationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT))
                .hasMessageContaining("after 2 generated tokens");
        assertThat(lm.calls).hasSize(3);
    }

    @Test
    void aDeadlineAlreadyPassedRunsNoModelWork() {
        GenerationRequest request = new GenerationRequest(new PromptInput.Text("x"), greedy(100),
                OptionalLong.of(clock.get()), new CancellationToken());
        ScriptedLm lm = lm();
        assertThatThrownBy(() -> loop.run(lm, PROMPT, request, TextSink.NONE, clock.get()))
                .isInstanceOf(GenerationException.class);
        assertThat(lm.calls).isEmpty();
    }

    @Test
    void cancellingStopsBeforeTheNextTokenWithCancelled() {
        CancellationToken token = new CancellationToken();
        GenerationRequest request = new GenerationRequest(new PromptInput.Text("x"), greedy(100),
                OptionalLong.empty(), token);
        List<String> deltas = new ArrayList<>();
        TextSink cancelAfterTwo = delta -> {
            deltas.add(delta);
            if (deltas.size() == 2) {
                token.cancel();
            }
        };
        assertThatThrownBy(() -> loop.run(lm(0, 0, 0, 0), PROMPT, request, cancelAfterTwo, clock.get()))
                .isInstanceOfSatisfying(GenerationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
        assertThat(deltas).hasSize(2);
    }

    @Test
    void aFailingModelBecomesAnInternalError() {
        CausalLm failing = new ScriptedLm(new int[0], 3, TOKENIZER.vocabSize(), 32, clock, 0) {
            @Override
            public float[] append(int[] tokens) {
                throw new IllegalStateException("interpreter exploded");
            }
        };
        assertThatThrownBy(() -> loop.run(failing, PROMPT, request(greedy(5)), TextSink.NONE, 0))
                .isInstanceOfSatisfying(GenerationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL))
                .hasMessageContaining("interpreter exploded");
    }

    @Test
    void theSameSeedGivesTheSameTextAtTemperature() throws Exception {
        SamplingOptions hot = new SamplingOptions(20, 3f, 0, 1f, 0f, 1f, OptionalLong.of(99), List.of());
        String first = loop.run(lm(), PROMPT, request(hot), TextSink.NONE, 0).result().text();
        String second = loop.run(lm(), PROMPT, request(hot), TextSink.NONE, 0).result().text();
        assertThat(first).isEqualTo(second).isNotEqualTo("a".repeat(20));
    }

    @Test
    void outcomeListsEveryTokenInTheModelState() throws Exception {
        ScriptedLm lm = lm(1, 0, END);
        GenerationLoop.Outcome outcome = loop.run(lm, PROMPT, request(greedy(10)), TextSink.NONE, 0);
        assertThat(outcome.tokens()).containsExactly(0, 1, 0, 1, 0);
        assertThat(outcome.tokens()).hasSize(lm.length());
    }
}
