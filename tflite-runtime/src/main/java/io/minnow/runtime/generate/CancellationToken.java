package io.minnow.runtime.generate;

/** A flag that asks a running generation to stop; it is checked between tokens. Thread-safe. */
public final class CancellationToken {
    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
