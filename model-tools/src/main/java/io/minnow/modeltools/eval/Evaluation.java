package io.minnow.modeltools.eval;

import io.minnow.modeltools.corpus.Example;
import io.minnow.modeltools.corpus.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scores a {@link Completer} on held-out examples, task by task, with {@link TaskScorer}. Thread-safety is
 * the completer's.
 */
public final class Evaluation {

    /** A wrong answer, for the report. */
    public record Miss(Task task, String prompt, String expected, String actual) {}

    /** Per-task scores, in task order, and the misses. */
    public record Result(Map<Task, TaskScore> scores, List<Miss> misses) {
        public Result {
            scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
            misses = List.copyOf(misses);
        }
    }

    private final TaskScorer scorer = new TaskScorer();
    private final int maxNewTokens;

    public Evaluation(int maxNewTokens) {
        if (maxNewTokens <= 0) {
            throw new IllegalArgumentException("maxNewTokens must be positive, got " + maxNewTokens);
        }
        this.maxNewTokens = maxNewTokens;
    }

    /**
     * Completes the prompt of every held-out example that belongs to a task and scores the answers; examples
     * without a task are skipped, and a task without examples gets no score. Logs one line per task.
     */
    public Result run(Completer completer, List<Example> heldOut, Consumer<String> log) {
        Map<Task, TaskScore> scores = new LinkedHashMap<>();
        List<Miss> misses = new ArrayList<>();
        for (Task task : Task.values()) {
            List<Example> examples = heldOut.stream().filter(e -> e.task() == task).toList();
            if (examples.isEmpty()) {
                continue;
            }
            List<String> answers = completer.complete(examples.stream().map(Example::prompt).toList(), maxNewTokens);
            int correct = 0;
            int exact = 0;
            for (int i = 0; i < examples.size(); i++) {
                Example e = examples.get(i);
                String actual = answers.get(i);
                if (scorer.correct(task, e.answer(), actual)) {
                    correct++;
                } else {
                    misses.add(new Miss(task, e.prompt(), e.answer(), actual));
                }
                if (e.answer().equals(actual)) {
                    exact++;
                }
            }
            TaskScore score = new TaskScore(task.templateName(), examples.size(), correct, exact);
            scores.put(task, score);
            log.accept(String.format(java.util.Locale.ROOT, "%-10s %5.1f%% correct (%d/%d), %5.1f%% exact",
                    task.templateName(), score.accuracy(), correct, examples.size(), 100.0 * exact / examples.size()));
        }
        return new Result(scores, misses);
    }
}
