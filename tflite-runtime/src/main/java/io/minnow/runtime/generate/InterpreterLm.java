package io.minnow.runtime.generate;

import io.minnow.runtime.Interpreter;
import io.minnow.runtime.Tensor;
import java.nio.FloatBuffer;
import java.util.Objects;

/**
 * What every interpreter-backed {@link CausalLm} shares whatever its convention: the interpreter it owns and
 * closes, the context and vocabulary sizes, the token count with its bounds checks, and reading one row of a
 * {@code [1, positions, vocab]} logits output.
 *
 * <p>Not thread-safe.
 */
abstract class InterpreterLm implements CausalLm {
    final Interpreter interpreter;
    final int contextLength;
    final int vocabSize;
    /** Tokens in the state; subclasses advance it after a successful model run. */
    int length;

    InterpreterLm(Interpreter interpreter, int contextLength, int vocabSize) {
        this.interpreter = Objects.requireNonNull(interpreter, "interpreter");
        this.contextLength = contextLength;
        this.vocabSize = vocabSize;
    }

    @Override
    public final int contextLength() {
        return contextLength;
    }

    @Override
    public final int vocabSize() {
        return vocabSize;
    }

    @Override
    public final int length() {
        return length;
    }

    /** Throws unless {@code count} more tokens (at least one) fit in the context. */
    final void checkAppend(int count) {
        if (count == 0) {
            throw new IllegalArgumentException("append needs at least one token");
        }
        if (length + count > contextLength) {
            throw new IllegalArgumentException("appending " + count + " tokens to " + length
                    + " would pass the context length " + contextLength);
        }
    }

    /** The {@link #vocabSize} logits at {@code position} of a {@code [1, positions, vocab]} output. */
    final float[] logitsAt(Tensor logits, int position) {
        FloatBuffer all = logits.data().asFloatBuffer();
        float[] row = new float[vocabSize];
        all.position(position * vocabSize);
        all.get(row);
        return row;
    }

    @Override
    public final void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate " + length + " tokens to " + newLength);
        }
        length = newLength;
    }

    @Override
    public final void close() {
        interpreter.close();
    }
}
