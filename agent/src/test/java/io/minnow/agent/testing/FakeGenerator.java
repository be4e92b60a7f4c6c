package io.minnow.agent.testing;

import io.minnow.runtime.generate.ChatMessage;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.FinishReason;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.ModelInfo;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.TextSink;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the inference backend where a test needs controlled timing: it "generates" the words of
 * {@code "echo <prompt>"}, one per token, taking {@code tokenDelayMs} per token and, when closed, waiting
 * for {@link #open()} before the first token. Honours cancellation and deadlines between tokens like the
 * real generator. Thread-safe.
 */
public final class FakeGenerator implements Generator {
    public static final ModelInfo MODEL = new ModelInfo("fake-echo", "0.0.1", 256, List.of("diagnose"));

    private final long tokenDelayMs;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private final AtomicInteger started = new AtomicInteger();

    public FakeGenerator(long tokenDelayMs) {
        this.tokenDelayMs = tokenDelayMs;
    }

    /** From now on generations wait at their first token until {@link #open()}. */
    public FakeGenerator closeGate() {
        gate = new CountDownLatch(1);
        return this;
    }

    public void open() {
        gate.countDown();
    }

    /** Generations that have begun. */
    public int started() {
        return started.get();
    }

    @Override
    public ModelInfo model() {
        return MODEL;
    }

    @Override
    public GenerationResult generate(GenerationRequest request, TextSink sink) throws GenerationException {
        started.incrementAndGet();
        String prompt;
        if (request.input() instanceof PromptInput.Text t) {
            prompt = t.prompt();
        } else if (request.input() instanceof PromptInput.Template t) {
            prompt = t.name() + " " + String.join(" ", new TreeMap<>(t.values()).values());
        } else {
            List<ChatMessage> m = ((PromptInput.Chat) request.input()).messages();
            prompt = m.get(m.size() - 1).content();
        }
        String[] words = ("echo " + prompt).trim().split("\\s+");
        if (words.length > MODEL.contextLength()) {
            throw new GenerationException(ErrorCode.TOO_LARGE, "prompt is " + words.length
                    + " tokens; the context holds " + MODEL.contextLength());
        }
        long t0 = System.nanoTime();
        long firstToken = t0;
        StringBuilder text = new StringBuilder();
        int n = Math.min(words.length, request.sampling().maxTokens());
        for (int i = 0; i < n; i++) {
            waitForTurn(request);
            if (i == 0) {
                firstToken = System.nanoTime();
            }
            String delta = (i == 0 ? "" : " ") + words[i];
            text.append(delta);
            sink.onText(delta);
        }
        long t1 = System.nanoTime();
        return new GenerationResult(text.toString(), n < words.length ? FinishReason.LENGTH : FinishReason.STOP,
                words.length - 1, n, 0, firstToken - t0, t1 - firstToken);
    }

    private void waitForTurn(GenerationRequest r) throws GenerationException {
        try {
            while (!gate.await(5, TimeUnit.MILLISECONDS)) {
                check(r);
            }
            long end = System.nanoTime() + tokenDelayMs * 1_000_000L;
            for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
                check(r);
                Thread.sleep(Math.min(5, Math.max(1, left / 1_000_000)));
            }
            check(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GenerationException(ErrorCode.CANCELLED, "interrupted");
        }
    }

    private static void check(GenerationRequest r) throws GenerationException {
        if (r.cancellation().isCancelled()) {
            throw new GenerationException(ErrorCode.CANCELLED, "the agent is shutting down; the request was stopped");
        }
        if (r.deadlineNanos().isPresent() && System.nanoTime() - r.deadlineNanos().getAsLong() > 0) {
            throw new GenerationException(ErrorCode.TIMEOUT, "deadline passed");
        }
    }

    @Override
    public void close() {
        open();
    }
}
