package io.minnow.runtime.generate;

/**
 * Turns a prompt into text with one loaded model. Implementations are thread-safe: concurrent calls either
 * run on separate interpreter sessions or wait for one; callers bound concurrency themselves.
 */
public interface Generator extends AutoCloseable {

    ModelInfo model();

    /**
     * Runs one generation, streaming text to {@code sink} as it is produced.
     *
     * @throws GenerationException with {@link ErrorCode#BAD_REQUEST} (unknown template, missing value),
     *     {@link ErrorCode#TOO_LARGE} (prompt past the context), {@link ErrorCode#TIMEOUT} (deadline passed),
     *     {@link ErrorCode#CANCELLED} or {@link ErrorCode#INTERNAL}
     */
    GenerationResult generate(GenerationRequest request, TextSink sink) throws GenerationException;

    @Override
    void close();
}
