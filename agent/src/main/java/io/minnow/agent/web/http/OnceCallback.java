package io.minnow.agent.web.http;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.util.Callback;

/**
 * A handler callback that may be completed from several places (the answer, a vanished client) of which
 * only the first counts: Jetty requires exactly one completion. Thread-safe.
 */
public final class OnceCallback implements Callback {
    private final Callback delegate;
    private final AtomicBoolean done = new AtomicBoolean();

    public OnceCallback(Callback delegate) {
        this.delegate = delegate;
    }

    @Override
    public void succeeded() {
        if (done.compareAndSet(false, true)) {
            delegate.succeeded();
        }
    }

    @Override
    public void failed(Throwable x) {
        if (done.compareAndSet(false, true)) {
            delegate.failed(x);
        }
    }

    public boolean isDone() {
        return done.get();
    }
}
