package io.minnow.runtime.generate;

import io.minnow.runtime.Interpreter;
import io.minnow.runtime.Tensor;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A model in the window convention (docs/model-conventions.md): every step runs the whole fixed window of
 * {@code tokens} and reads the logits at the last real position. Padding goes on the right, where causal
 * attention keeps it from touching earlier positions. The state is just the token list, so snapshots are
 * not offered: there is no computation to save.
 *
 * <p>Not thread-safe. Closing it closes the interpreter.
 */
public final class WindowLm implements CausalLm {
    private static final int PAD = 0;

    private final Interpreter interpreter;
    private final int tokensInput;
    private final int logitsOutput;
    private final int contextLength;
    private final int vocabSize;
    private final int[] window;
    private int length;

    public WindowLm(Interpreter interpreter, int contextLength, int vocabSize) {
        this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
        this.tokensInput = interpreter.inputIndex("tokens");
        this.logitsOutput = interpreter.outputIndex("logits");
        this.contextLength = contextLength;
        this.vocabSize = vocabSize;
        this.window = new int[contextLength];
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
        if (tokens.length == 0) {
            throw new IllegalArgumentException("append needs at least one token");
        }
        if (length + tokens.length > contextLength) {
            throw new IllegalArgumentException("appending " + tokens.length + " tokens to " + length
                    + " would pass the context length " + contextLength);
        }
        System.arraycopy(tokens, 0, window, length, tokens.length);
        length += tokens.length;
        Arrays.fill(window, length, contextLength, PAD);
        interpreter.setInput(tokensInput, Tensor.ofInts(new int[] {1, contextLength}, window));
        interpreter.run();
        FloatBuffer logits = interpreter.output(logitsOutput).data().asFloatBuffer();
        float[] last = new float[vocabSize];
        logits.position((length - 1) * vocabSize);
        logits.get(last);
        return last;
    }

    @Override
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate " + length + " tokens to " + newLength);
        }
        length = newLength;
    }

    @Override
    public Optional<LmSnapshot> snapshot() {
        return Optional.empty();
    }

    @Override
    public void restore(LmSnapshot snapshot) {
        throw new IllegalArgumentException("a window model keeps no snapshots; got " + snapshot);
    }

    @Override
    public void close() {
        interpreter.close();
    }
}
