package io.minnow.modeltools.corpus;

import java.util.Objects;

/**
 * One prompt/answer pair. {@code task} is {@code null} for an operator's own pairs, whose prompt is taken
 * verbatim. Immutable.
 */
public record Example(Task task, String prompt, String answer) {
    public Example {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(answer, "answer");
    }

    /** A default-model example: the task's template filled with {@code input}. */
    public static Example of(Task task, String input, String answer) {
        return new Example(task, task.prompt(input), answer);
    }

    /** The full training text: prompt, answer and end-of-text. */
    public String text() {
        return prompt + answer + Task.END_OF_TEXT;
    }
}
