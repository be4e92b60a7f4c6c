package io.minnow.modeltools.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorCorpusTest {

    @TempDir
    Path dir;

    @Test
    void readsPairsTextAndTasksFromJsonLines() throws IOException {
        Path f = write("c.jsonl", """
                {"prompt": "Q: reset?", "answer": "Hold RESET 3 s."}

                {"text": "The pump is a PC-200."}
                {"task": "log", "prompt": "<|log|>breaker opened<|answer|>", "answer": "electrical"}
                """);
        List<Example> examples = OperatorCorpus.read(f);
        assertThat(examples).containsExactly(
                new Example(null, "Q: reset?", "Hold RESET 3 s."),
                new Example(null, "", "The pump is a PC-200."),
                new Example(Task.LOG, "<|log|>breaker opened<|answer|>", "electrical"));
    }

    @Test
    void readsPlainTextAsParagraphs() throws IOException {
        List<Example> examples = OperatorCorpus.read(write("c.txt", "first line\nsecond line\n\n\nthird\n"));
        assertThat(examples).extracting(Example::answer).containsExactly("first line\nsecond line", "third");
    }

    @Test
    void namesTheLineOfBadJson() throws IOException {
        Path f = write("c.jsonl", "{\"prompt\": \"a\", \"answer\": \"b\"}\n{\"prompt\": \"a\", \"answer\": \n");
        assertThatThrownBy(() -> OperatorCorpus.read(f)).hasMessageContaining("c.jsonl:2: not valid JSON");
    }

    @Test
    void rejectsMissingOrEmptyFieldsAndUnknownTasks() throws IOException {
        assertThatThrownBy(() -> OperatorCorpus.read(write("a.jsonl", "{\"prompt\": \"a\"}\n")))
                .hasMessageContaining("a.jsonl:1: \"answer\" must be a non-empty string");
        assertThatThrownBy(() -> OperatorCorpus.read(write("b.jsonl", "{\"question\": \"a\"}\n")))
                .hasMessageContaining("b.jsonl:1: needs \"text\", or \"prompt\" and \"answer\"");
        assertThatThrownBy(() -> OperatorCorpus.read(write("c.jsonl", "{\"task\": \"poem\", \"prompt\": \"a\", \"answer\": \"b\"}")))
                .hasMessageContaining("unknown task 'poem'");
        assertThatThrownBy(() -> OperatorCorpus.read(write("d.jsonl", "[1, 2]")))
                .hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> OperatorCorpus.read(write("e.jsonl", "{\"text\": \"a<|endoftext|>b\"}")))
                .hasMessageContaining("contains <|endoftext|>");
    }

    @Test
    void rejectsAMissingFileAndNonUtf8Text() throws IOException {
        assertThatThrownBy(() -> OperatorCorpus.read(dir.resolve("nope.txt"))).isInstanceOf(NoSuchFileException.class);
        Path latin1 = dir.resolve("l.txt");
        Files.write(latin1, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> OperatorCorpus.read(latin1)).hasMessageContaining("is not UTF-8 text");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
