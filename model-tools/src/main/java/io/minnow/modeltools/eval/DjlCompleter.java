package io.minnow.modeltools.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.minnow.modeltools.train.DjlGpt;
import io.minnow.runtime.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Greedy completion with the float model on PyTorch, many prompts at a time: rows are right-padded, and
 * each row reads the logits at its own last token (causal attention keeps the padding out). A row stops at
 * end-of-text or when it fills the context; a prompt that already fills it gets an empty answer. Not
 * thread-safe.
 */
public final class DjlCompleter implements Completer {

    private static final int ROWS = 32;

    private final DjlGpt model;
    private final Tokenizer tokenizer;
    private final int endOfText;

    public DjlCompleter(DjlGpt model, Tokenizer tokenizer, int endOfText) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.endOfText = endOfText;
    }

    @Override
    public List<String> complete(List<String> prompts, int maxNewTokens) {
        List<String> out = new ArrayList<>(prompts.size());
        for (int from = 0; from < prompts.size(); from += ROWS) {
            out.addAll(completeRows(prompts.subList(from, Math.min(prompts.size(), from + ROWS)), maxNewTokens));
        }
        return out;
    }

    private List<String> completeRows(List<String> prompts, int maxNewTokens) {
        int rows = prompts.size();
        int context = model.config().contextLength();
        int[][] seq = new int[rows][];
        int[] promptLength = new int[rows];
        boolean[] done = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            seq[r] = tokenizer.encode(prompts.get(r));
            promptLength[r] = seq[r].length;
            done[r] = seq[r].length >= context;
        }
        for (int step = 0; step < maxNewTokens && !allDone(done); step++) {
            // Finished rows stay out of the pass: a prompt that already fills the context may be longer than it.
            int length = 0;
            for (int r = 0; r < rows; r++) {
                length = done[r] ? length : Math.max(length, seq[r].length);
            }
            long[] flat = new long[rows * length];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; !done[r] && j < seq[r].length; j++) {
                    flat[r * length + j] = seq[r][j];
                }
            }
            long[] argmax;
            try (NDManager m = model.parameters().values().iterator().next().getManager().newSubManager()) {
                NDArray logits = model.forward(m.create(flat, new Shape(rows, length)));
                argmax = logits.argMax(-1).toLongArray();
            }
            for (int r = 0; r < rows; r++) {
                if (done[r]) {
                    continue;
                }
                int next = (int) argmax[r * length + seq[r].length - 1];
                seq[r] = Arrays.copyOf(seq[r], seq[r].length + 1);
                seq[r][seq[r].length - 1] = next;
                done[r] = next == endOfText || seq[r].length >= context;
            }
        }
        List<String> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            int end = seq[r].length;
            if (end > promptLength[r] && seq[r][end - 1] == endOfText) {
                end--;
            }
            out.add(tokenizer.decode(Arrays.copyOfRange(seq[r], promptLength[r], end)));
        }
        return out;
    }

    private static boolean allDone(boolean[] done) {
        for (boolean d : done) {
            if (!d) {
                return false;
            }
        }
        return true;
    }
}
