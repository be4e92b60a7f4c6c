package io.minnow.runtime.generate;

import io.minnow.runtime.tokenizer.Tokenizer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;

/**
 * The token loop: feeds the prompt to a {@link CausalLm}, then samples, streams and feeds back one token at a
 * time until the end token, a stop string, {@code max_tokens} or the context length ends it. The deadline and
 * the cancellation token are checked before the prompt and before every token, so a stop costs at most one
 * model step. Streamed text is decoded bytewise so no delta splits a UTF-8 character, and text that may begin
 * a stop string is held until it is known not to.
 *
 * <p>Thread-safe if the tokenizer is: the loop keeps no state between runs. Each run owns its {@code lm}.
 */
public final class GenerationLoop {
    private final Tokenizer tokenizer;
    private final IntPredicate endOfText;
    private final LongSupplier nanoClock;

    /**
     * @param endOfText which token ids end the text (the bundle's eos token)
     * @param nanoClock a {@link System#nanoTime()}-like clock; deadlines are compared against it
     */
    public GenerationLoop(Tokenizer tokenizer, IntPredicate endOfText, LongSupplier nanoClock) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.endOfText = Objects.requireNonNull(endOfText, "endOfText");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /**
     * What a run produced.
     *
     * @param tokens every token now in the model's state (prompt, then completion), for a prefix cache
     */
    public record Outcome(GenerationResult result, int[] tokens) {
    }

    /**
     * Runs one generation.
     *
     * @param prompt at least one token, and fewer than the context length so one can be generated; prompt
     *     plus completion never exceed the context length
     * @param lm a model whose state already holds {@code prompt[0 .. lm.length())} (e.g. from a prefix
     *     cache); at least the last prompt token must still be missing so its logits are computed
     * @param startNanos when the request started on the {@code nanoClock}, so prompt timing includes any
     *     prefix-cache work done before this call
     * @throws GenerationException TIMEOUT, CANCELLED, or INTERNAL when the model fails; the lm's state is
     *     then unspecified and the caller must truncate or restore it before reuse
     */
    public Outcome run(CausalLm lm, int[] prompt, GenerationRequest request, TextSink sink, long startNanos)
            throws GenerationException {
        int cached = lm.length();
        if (prompt.length == 0 || cached >= prompt.length || prompt.length >= lm.contextLength()) {
            throw new IllegalArgumentException("prompt of " + prompt.length + " tokens with " + cached
                    + " cached does not fit a context of " + lm.contextLength());
        }
        SamplingOptions options = request.sampling();
        Sampler sampler = new Sampler(options,
                options.seed().orElseGet(() -> ThreadLocalRandom.current().nextLong()));
        int[] history = Arrays.copyOf(prompt, prompt.length + options.maxTokens());
        int historyLength = prompt.length;

        checkAlive(request, 0);
        float[] logits = step(lm, Arrays.copyOfRange(prompt, cached, prompt.length), 0);

        Utf8Stream utf8 = new Utf8Stream();
        StopStrings stops = new StopStrings(options.stop());
        StringBuilder text = new StringBuilder();
        int completion = 0;
        long firstTokenAt = 0;
        FinishReason reason;
        while (true) {
            checkAlive(request, completion);
            int id = sampler.sample(logits, history, historyLength);
            if (completion == 0) {
                firstTokenAt = nanoClock.getAsLong();
            }
            if (endOfText.test(id)) {
                reason = FinishReason.STOP;
                break;
            }
            completion++;
            history[historyLength++] = id;
            String piece = tokenizer.isSpecial(id) ? "" : utf8.append(tokenizer.decodeBytes(id));
            emit(stops.accept(piece), text, sink);
            if (stops.stopped()) {
                reason = FinishReason.STOP;
                break;
            }
            if (completion >= options.maxTokens() || historyLength >= lm.contextLength()) {
                reason = FinishReason.LENGTH;
                break;
            }
            logits = step(lm, new int[] {id}, completion);
        }
        if (!stops.stopped()) {
            emit(stops.accept(utf8.finish()), text, sink);
            emit(stops.flush(), text, sink);
        }
        long end = nanoClock.getAsLong();
        GenerationResult result = new GenerationResult(text.toString(), reason, prompt.length, completion, cached,
                firstTokenAt - startNanos, end - firstTokenAt);
        return new Outcome(result, Arrays.copyOf(history, lm.length()));
    }

    private static float[] step(CausalLm lm, int[] tokens, int completion) throws GenerationException {
        try {
            return lm.append(tokens);
        } catch (RuntimeException e) {
            throw new GenerationException(ErrorCode.INTERNAL,
                    "the model failed after " + completion + " generated tokens: " + e.getMessage(), e);
        }
    }

    private void checkAlive(GenerationRequest request, int completion) throws GenerationException {
        if (request.cancellation().isCancelled()) {
            throw new GenerationException(ErrorCode.CANCELLED,
                    "the request was cancelled after " + completion + " generated tokens");
        }
        if (request.deadlineNanos().isPresent() && nanoClock.getAsLong() - request.deadlineNanos().getAsLong() >= 0) {
            throw new GenerationException(ErrorCode.TIMEOUT,
                    "the deadline passed after " + completion + " generated tokens");
        }
    }

    private static void emit(String delta, StringBuilder text, TextSink sink) {
        if (!delta.isEmpty()) {
            text.append(delta);
            sink.onText(delta);
        }
    }
}
