package io.minnow.runtime.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake {@link CausalLm} whose logits make a scripted token the clear favourite at each completion step,
 * and that advances a fake clock by a fixed step per model call, so deadlines are tested without sleeping.
 */
class ScriptedLm implements CausalLm {
    final List<int[]> calls = new ArrayList<>();
    private final int[] script;
    private final int promptLength;
    private final int vocabSize;
    private final int contextLength;
    private final AtomicLong clock;
    private final long nanosPerCall;
    private int length;

    /** At completion step i the favourite is {@code script[i]}; past the script it is token 0. */
    ScriptedLm(int[] script, int promptLength, int vocabSize, int contextLength, AtomicLong clock, long nanosPerCall) {
        this.script = script;
        this.promptLength = promptLength;
        this.vocabSize = vocabSize;
        this.contextLength = contextLength;
        this.clock = clock;
        this.nanosPerCall = nanosPerCall;
    }

    @Override
    public int contextLength() {
        return contextLength;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public float[] append(int[] tokens) {
        if (length + tokens.length > contextLength) {
            throw new IllegalArgumentException("past the context");
        }
        calls.add(tokens.clone());
        length += tokens.length;
        clock.addAndGet(nanosPerCall);
        int step = Math.max(0, length - promptLength);
        float[] logits = new float[vocabSize];
        logits[step < script.length ? script[step] : 0] = 10f;
        return logits;
    }

    @Override
    public void truncate(int newLength) {
        length = newLength;
    }

    @Override
    public Optional<LmSnapshot> snapshot() {
        return Optional.empty();
    }

    @Override
    public void restore(LmSnapshot snapshot) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
