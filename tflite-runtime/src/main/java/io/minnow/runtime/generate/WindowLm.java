package io.minnow.runtime.generate;

import io.minnow.runtime.Interpreter;
import io.minnow.runtime.Tensor;
import java.util.Arrays;
import java.util.Optional;

/**
 * A model in the window convention (docs/model-conventions.md): every step runs the whole fixed window of
 * {@code tokens} and reads the logits at the last real position. Padding goes on the right, where causal
 * attention keeps it from touching earlier positions. The state is just the token list, so snapshots are
 * not offered: there is no computation to save.
 *
 * <p>Not thread-safe. Closing it closes the interpreter.
 */
public final class WindowLm extends InterpreterLm {
    private static final int PAD = 0;

    private final int tokensInput;
    private final int logitsOutput;
    private final int[] window;

    public WindowLm(Interpreter interpreter, int contextLength, int vocabSize) {
        super(interpreter, contextLength, vocabSize);
        this.tokensInput = interpreter.inputIndex("tokens");
        this.logitsOutput = interpreter.outputIndex("logits");
        this.window = new int[contextLength];
    }

    @Override
    public float[] append(int[] tokens) {
        checkAppend(tokens.length);
        System.arraycopy(tokens, 0, window, length, tokens.length);
        length += tokens.length;
        Arrays.fill(window, length, contextLength, PAD);
        interpreter.setInput(tokensInput, Tensor.ofInts(new int[] {1, contextLength}, window));
        interpreter.run();
        return logitsAt(interpreter.output(logitsOutput), length - 1);
    }

    @Override
    public Optional<LmSnapshot> snapshot() {
        return Optional.empty();
    }

    @Override
    public void restore(LmSnapshot snapshot) {
        throw new IllegalArgumentException("a window model keeps no snapshots; got " + snapshot);
    }
}
