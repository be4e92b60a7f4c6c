package io.minnow.modeltools.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What a training run leaves in its work directory ({@code run.json}) for the export step and the model
 * card: the recipe, how long it took, how much data it saw, where the data came from, where its tokenizer came
 * from and the command that reproduces it. Immutable.
 */
public record RunRecord(PipelineRecipe recipe, double trainSeconds, long trainTokens, int trainExamples,
                        int heldOutExamples, String data, String command, String tokenizerSource) {

    /** Where a tokenizer trained by the run came from, as the model card says it. */
    public static final String TRAINED_TOKENIZER = "trained on the training corpus";

    /** Run records written before the tokenizer's source was recorded came from runs that trained one. */
    public RunRecord {
        tokenizerSource = tokenizerSource == null ? TRAINED_TOKENIZER : tokenizerSource;
    }

    public static final String FILE = "run.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes {@value #FILE} into {@code dir}. */
    public void write(Path dir) throws IOException {
        JSON.writeValue(dir.resolve(FILE).toFile(), this);
    }

    /** Reads the record of a finished run from {@code dir}; there is none while a run is under way. */
    public static RunRecord read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        if (!file.toFile().isFile()) {
            throw new IOException("no " + FILE + " in " + dir + "; run the training first");
        }
        return JSON.readValue(file.toFile(), RunRecord.class);
    }
}
