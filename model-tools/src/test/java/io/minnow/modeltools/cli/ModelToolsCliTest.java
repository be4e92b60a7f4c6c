package io.minnow.modeltools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelToolsCliTest {

    @Test
    void aMissingFileIsNamedWithWhatIsWrongNotJustItsPath(@TempDir Path dir) {
        Path manual = dir.resolve("no-manual.md");
        StringWriter err = new StringWriter();
        int code = ModelToolsCli.run(new String[] {"default", "--manual", manual.toString(), "--work", dir.toString()},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertThat(code).isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(err.toString().strip()).isEqualTo("error: " + manual + ": no such file or directory");
    }
}
