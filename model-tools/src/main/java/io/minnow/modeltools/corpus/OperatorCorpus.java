package io.minnow.modeltools.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an operator's own training data. Two forms:
 *
 * <ul>
 *   <li>{@code .jsonl}: one JSON object per line, either {@code {"prompt": "...", "answer": "..."}} (loss on
 *       the answer only; a {@code "task"} field naming a default task is kept for scoring) or
 *       {@code {"text": "..."}} (plain text, loss on every token);
 *   <li>anything else: UTF-8 plain text, one document per paragraph (blank lines separate them).
 * </ul>
 *
 * Errors name the file, the line and what is wrong. Stateless and thread-safe.
 */
public final class OperatorCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private OperatorCorpus() {}

    public static List<Example> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such corpus file");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text", e);
        }
        return file.getFileName().toString().endsWith(".jsonl") ? jsonl(file, lines) : paragraphs(lines);
    }

    private static List<Example> jsonl(Path file, List<String> lines) {
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1) + ": ";
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(where + "not valid JSON (" + e.getOriginalMessage() + ")");
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException(where + "expected a JSON object, got " + node.getNodeType());
            }
            if (node.has("text")) {
                out.add(new Example(null, "", requireText(node, "text", where)));
            } else if (node.has("prompt") || node.has("answer")) {
                Task task = node.has("task") ? task(node.get("task").asText(), where) : null;
                out.add(new Example(task, requireText(node, "prompt", where), requireText(node, "answer", where)));
            } else {
                throw new IllegalArgumentException(where + "needs \"text\", or \"prompt\" and \"answer\"");
            }
        }
        return out;
    }

    private static String requireText(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + "\"" + field + "\" must be a non-empty string");
        }
        if (v.asText().contains(Task.END_OF_TEXT)) {
            throw new IllegalArgumentException(where + "\"" + field + "\" contains " + Task.END_OF_TEXT
                    + ", which only the trainer may place");
        }
        return v.asText();
    }

    private static Task task(String name, String where) {
        for (Task t : Task.values()) {
            if (t.templateName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(where + "unknown task '" + name + "'");
    }

    private static List<Example> paragraphs(List<String> lines) {
        List<Example> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.isBlank()) {
                flush(current, out);
            } else {
                if (current.length() > 0) {
                    current.append('\n');
                }
                current.append(line.stripTrailing());
            }
        }
        flush(current, out);
        return out;
    }

    private static void flush(StringBuilder current, List<Example> out) {
        if (current.length() > 0) {
            out.add(new Example(null, "", current.toString()));
            current.setLength(0);
        }
    }
}
