package io.minnow.modeltools.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.modeltools.eval.Evaluation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes every held-out example a model answered wrongly, one JSON object per line ({@code variant},
 * {@code task}, {@code prompt}, {@code expected}, {@code actual}), so a score below target can be read as
 * the answers behind it rather than a percentage. Stateless.
 */
final class MissesFile {

    /** The file's name in the work directory. */
    static final String NAME = "misses.jsonl";

    private MissesFile() {
    }

    /** Writes the misses of each result that is not null, labelled float, int8-native and int8-java. */
    static void write(Path file, Evaluation.Result floatScores, Evaluation.Result int8Native, Evaluation.Result int8Java)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            write(w, json, "float", floatScores);
            write(w, json, "int8-native", int8Native);
            write(w, json, "int8-java", int8Java);
        }
    }

    private static void write(BufferedWriter w, ObjectMapper json, String variant, Evaluation.Result result) throws IOException {
        if (result == null) {
            return;
        }
        for (Evaluation.Miss m : result.misses()) {
            ObjectNode node = json.createObjectNode();
            node.put("variant", variant);
            node.put("task", m.task().templateName());
            node.put("prompt", m.prompt());
            node.put("expected", m.expected());
            node.put("actual", m.actual());
            w.write(json.writeValueAsString(node));
            w.write('\n');
        }
    }
}
