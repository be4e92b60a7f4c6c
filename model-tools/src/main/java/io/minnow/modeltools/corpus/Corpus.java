package io.minnow.modeltools.corpus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A training set and a held-out evaluation set of examples. Immutable. */
public record Corpus(List<Example> train, List<Example> eval) {

    public Corpus {
        train = List.copyOf(train);
        eval = List.copyOf(eval);
    }

    /** The training examples of one task. */
    public List<Example> train(Task task) {
        return train.stream().filter(e -> e.task() == task).toList();
    }

    /** The held-out examples of one task. */
    public List<Example> eval(Task task) {
        return eval.stream().filter(e -> e.task() == task).toList();
    }

    /**
     * Writes one JSON object per line: {@code {"task": "status", "prompt": ..., "answer": ...}}, or
     * {@code {"text": ...}} for plain text (an example without prompt), the format {@code model-tools train
     * --corpus} and the bundle stage read back.
     */
    public static void writeJsonl(List<Example> examples, Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Example e : examples) {
                ObjectNode node = json.createObjectNode();
                if (e.task() != null) {
                    node.put("task", e.task().templateName());
                }
                if (e.prompt().isEmpty()) {
                    node.put("text", e.answer());
                } else {
                    node.put("prompt", e.prompt());
                    node.put("answer", e.answer());
                }
                w.write(json.writeValueAsString(node));
                w.write('\n');
            }
        }
    }
}
