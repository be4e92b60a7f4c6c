package io.minnow.modeltools.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads an operator's own training data. Two forms:
 *
 * <ul>
 *   <li>{@code .jsonl} (any case): one JSON object per line, either {@code {"prompt": "...", "answer": "..."}}
 *       (loss on the answer only; a {@code "task"} field naming a default task is kept for scoring, and then
 *       the prompt must be that task's template filled in) or {@code {"text": "..."}} (plain text, loss on
 *       every token);
 *   <li>anything else: UTF-8 plain text, one document per paragraph (blank lines separate them).
 * </ul>
 *
 * A byte order mark and Windows line ends are accepted; any other field on a JSON line is refused (a misspelt
 * {@code "task"} must not be dropped). Errors name the file, the line and what is wrong.
 * Stateless and thread-safe.
 */
public final class OperatorCorpus {

    /** Refuses anything after the object: a second object on the same line would otherwise be dropped. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final char BYTE_ORDER_MARK = '\uFEFF';
    private static final Set<String> FIELDS = Set.of("text", "prompt", "answer", "task");

    private OperatorCorpus() {}

    /** The examples of {@code file}, in file order; never empty. */
    public static List<Example> read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a directory, not a corpus file");
        }
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such corpus file");
        }
        List<String> lines = lines(file);
        boolean jsonl = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jsonl");
        List<Example> out = jsonl ? jsonl(file, lines) : paragraphs(file, lines);
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + " has no examples (it is empty or blank)");
        }
        return out;
    }

    /** The file's lines; a byte that is not UTF-8 is refused with its line and offset. */
    private static List<String> lines(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer text = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, text, true);
        if (!result.isError()) {
            result = decoder.flush(text);
        }
        if (result.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s:%d: byte 0x%02X at offset %d is not UTF-8; save the file as UTF-8", file, line, bytes[at] & 0xFF, at));
        }
        text.flip();
        if (text.hasRemaining() && text.charAt(0) == BYTE_ORDER_MARK) {
            text.get();
        }
        return text.toString().lines().toList();
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
            boolean pair = node.has("prompt") || node.has("answer");
            if (node.has("text")) {
                if (pair || node.has("task")) {
                    throw new IllegalArgumentException(where + "has \"text\" and \"prompt\"/\"answer\"/\"task\"; a line "
                            + "is either text or a pair");
                }
                out.add(new Example(null, "", requireText(node, "text", where)));
            } else if (pair) {
                Task task = node.has("task") ? task(node.get("task"), where) : null;
                String prompt = requireText(node, "prompt", where);
                if (task != null && !(prompt.startsWith(task.marker()) && prompt.endsWith(Task.ANSWER)
                        && prompt.length() >= task.marker().length() + Task.ANSWER.length())) {
                    throw new IllegalArgumentException(where + "a \"" + task.templateName() + "\" prompt must be "
                            + task.template() + " filled in, got '" + excerpt(prompt) + "'");
                }
                out.add(new Example(task, prompt, requireText(node, "answer", where)));
            } else {
                throw new IllegalArgumentException(where + "needs \"text\", or \"prompt\" and \"answer\"");
            }
            // A misspelt field ("taks") would otherwise be dropped: the pair trained, its task never scored.
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) {
                    throw new IllegalArgumentException(where + "unknown field \"" + name + "\"; a line has \"text\", "
                            + "or \"prompt\", \"answer\" and optionally \"task\"");
                }
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

    private static Task task(JsonNode value, String where) {
        String name = value.isTextual() ? value.asText() : value.toString();
        for (Task t : Task.values()) {
            if (t.templateName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException(where + "unknown task '" + name + "'; the tasks are "
                + Arrays.stream(Task.values()).map(Task::templateName).collect(Collectors.joining(", ")));
    }

    private static List<Example> paragraphs(Path file, List<String> lines) {
        List<Example> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = file + ":" + (i + 1) + ": ";
            if (line.isBlank()) {
                flush(current, out);
                continue;
            }
            if (first && looksLikeJsonLine(line)) {
                throw new IllegalArgumentException(where + "looks like JSON lines; name the file .jsonl to read its "
                        + "prompt/answer pairs and texts");
            }
            first = false;
            if (line.contains(Task.END_OF_TEXT)) {
                throw new IllegalArgumentException(where + "contains " + Task.END_OF_TEXT + ", which only the trainer may place");
            }
            if (current.length() > 0) {
                current.append('\n');
            }
            current.append(line.stripTrailing());
        }
        flush(current, out);
        return out;
    }

    /** Whether a plain-text line is a JSON object of this format, which a misnamed file would train on verbatim. */
    private static boolean looksLikeJsonLine(String line) {
        if (!line.strip().startsWith("{")) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(line);
            return node.isObject() && (node.has("prompt") || node.has("answer") || node.has("text"));
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static void flush(StringBuilder current, List<Example> out) {
        if (current.length() > 0) {
            out.add(new Example(null, "", current.toString()));
            current.setLength(0);
        }
    }

    private static String excerpt(String text) {
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }
}
