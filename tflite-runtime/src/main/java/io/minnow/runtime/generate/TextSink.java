package io.minnow.runtime.generate;

/**
 * Receives streamed text as it is generated. Each delta is whole UTF-8 characters and never contains text
 * that later turns out to be part of a stop string. Called on the generating thread.
 */
@FunctionalInterface
public interface TextSink {
    TextSink NONE = delta -> { };

    void onText(String delta);
}
