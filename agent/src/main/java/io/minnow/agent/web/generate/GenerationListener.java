package io.minnow.agent.web.generate;

import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationResult;

/**
 * Receives the events of one HTTP generation, in order: at most one {@link #started}, then text, then exactly
 * one of {@link #finished} or {@link #failed}. Called on an inference worker thread (a queue expiry or a
 * cancellation on the thread that noticed it); implementations must not block.
 */
public interface GenerationListener {

    /** A worker took the request from the queue; text follows. */
    void started();

    /** A piece of the answer, whole UTF-8 characters. */
    void text(String delta);

    /**
     * @param ttftNanos from arrival to the first text (or to the end, if there was none)
     * @param totalNanos from arrival to the end of generation
     */
    void finished(GenerationResult result, long ttftNanos, long totalNanos);

    void failed(ErrorCode code, String message);
}
