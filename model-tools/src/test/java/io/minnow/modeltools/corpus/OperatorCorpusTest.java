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
    void rejectsAMisspeltFieldInsteadOfDroppingIt() throws IOException {
        // "taks": the pair would be read without its task, trained, and never scored as one.
        Path f = write("typo.jsonl", "{\"prompt\": \"a?\", \"answer\": \"b\"}\n"
                + "{\"taks\": \"manual\", \"prompt\": \"<|manual|>a?<|answer|>\", \"answer\": \"b\"}\n");
        assertThatThrownBy(() -> OperatorCorpus.read(f)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typo.jsonl:2: unknown field \"taks\"");
        assertThatThrownBy(() -> OperatorCorpus.read(write("extra.jsonl", "{\"text\": \"a\", \"source\": \"wiki\"}\n")))
                .hasMessageContaining("extra.jsonl:1: unknown field \"source\"");
    }

    @Test
    void rejectsAMissingFileAndNonUtf8Text() throws IOException {
        assertThatThrownBy(() -> OperatorCorpus.read(dir.resolve("nope.txt"))).isInstanceOf(NoSuchFileException.class);
        Path latin1 = dir.resolve("l.txt");
        Files.write(latin1, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> OperatorCorpus.read(latin1)).hasMessageContaining("is not UTF-8");
    }

    @Test
    void acceptsAByteOrderMarkAndWindowsLineEnds() throws IOException {
        Path jsonl = write("bom.jsonl", "\uFEFF{\"prompt\": \"a?\", \"answer\": \"b\"}\r\n{\"text\": \"c\"}\r\n");
        assertThat(OperatorCorpus.read(jsonl)).containsExactly(new Example(null, "a?", "b"), new Example(null, "", "c"));
        Path text = write("bom.txt", "\uFEFFfirst\r\nsecond\r\n\r\nthird\r\n");
        assertThat(OperatorCorpus.read(text)).extracting(Example::answer).containsExactly("first\nsecond", "third");
    }

    @Test
    void readsJsonLinesWhateverTheCaseOfTheExtension() throws IOException {
        assertThat(OperatorCorpus.read(write("upper.JSONL", "{\"prompt\": \"a?\", \"answer\": \"b\"}\n")))
                .containsExactly(new Example(null, "a?", "b"));
    }

    @Test
    void refusesJsonLinesInAPlainTextFile() throws IOException {
        assertThatThrownBy(() -> OperatorCorpus.read(write("pairs.txt", "\n{\"prompt\": \"a?\", \"answer\": \"b\"}\n")))
                .hasMessage(dir.resolve("pairs.txt") + ":2: looks like JSON lines; name the file .jsonl to read its "
                        + "prompt/answer pairs and texts");
    }

    @Test
    void refusesEndOfTextInPlainTextNamingTheLine() throws IOException {
        assertThatThrownBy(() -> OperatorCorpus.read(write("t.txt", "fine\n\nnot <|endoftext|> fine\n")))
                .hasMessage(dir.resolve("t.txt") + ":3: contains <|endoftext|>, which only the trainer may place");
    }

    @Test
    void refusesAnEmptyFile() throws IOException {
        assertThatThrownBy(() -> OperatorCorpus.read(write("empty.jsonl", "\n  \n")))
                .hasMessage(dir.resolve("empty.jsonl") + " has no examples (it is empty or blank)");
    }

    @Test
    void namesTheLineAndByteOfTextThatIsNotUtf8() throws IOException {
        Path f = dir.resolve("l.txt");
        Files.write(f, "ok\nstill ok\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> OperatorCorpus.read(f))
                .hasMessage(f + ":3: byte 0xE9 at offset 15 is not UTF-8; save the file as UTF-8");
    }

    @Test
    void unknownTasksListTheKnownOnes() throws IOException {
        assertThatThrownBy(() -> OperatorCorpus.read(write("t.jsonl", "{\"task\": 7, \"prompt\": \"a\", \"answer\": \"b\"}")))
                .hasMessage(dir.resolve("t.jsonl") + ":1: unknown task '7'; the tasks are status, error_code, manual, log");
    }

    @Test
    void aTaskPairMustUseThatTasksTemplate() throws IOException {
        // The bundle publishes the task templates for such data, so its prompts must be those templates filled in.
        assertThatThrownBy(() -> OperatorCorpus.read(write("t.jsonl", "{\"task\": \"log\", \"prompt\": \"breaker opened\", "
                + "\"answer\": \"electrical\"}")))
                .hasMessage(dir.resolve("t.jsonl") + ":1: a \"log\" prompt must be <|log|>{{line}}<|answer|> filled in, got "
                        + "'breaker opened'");
    }

    @Test
    void refusesTwoObjectsOnOneLineRatherThanDroppingTheSecond() throws IOException {
        assertThatThrownBy(() -> OperatorCorpus.read(write("t.jsonl", "{\"text\": \"a\"} {\"text\": \"b\"}\n")))
                .hasMessageStartingWith(dir.resolve("t.jsonl") + ":1: not valid JSON (Trailing token");
    }

    @Test
    void refusesALineWithBothTextAndAPair() throws IOException {
        assertThatThrownBy(() -> OperatorCorpus.read(write("t.jsonl", "{\"text\": \"a\", \"prompt\": \"b\", \"answer\": \"c\"}")))
                .hasMessage(dir.resolve("t.jsonl") + ":1: has \"text\" and \"prompt\"/\"answer\"/\"task\"; "
                        + "a line is either text or a pair");
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
