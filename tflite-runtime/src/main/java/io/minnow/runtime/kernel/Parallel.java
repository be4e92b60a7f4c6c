package io.minnow.runtime.kernel;

/**
 * Splits a loop over independent rows across an interpreter's worker threads. Implementations block until
 * every part has run; the calling thread takes a share.
 */
public interface Parallel {
    /** A body over the half-open range {@code [from, to)}. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /** Runs everything on the calling thread. */
    Parallel SERIAL = new Parallel() {
        @Override
        public void forRange(int n, long workPerItem, Range body) {
            body.run(0, n);
        }

        @Override
        public int threads() {
            return 1;
        }
    };

    /**
     * Runs {@code body} over {@code [0, n)} in parts; {@code workPerItem} (roughly multiply-adds per item) lets
     * small loops stay on one thread where handing off would cost more than it saves.
     */
    void forRange(int n, long workPerItem, Range body);

    int threads();
}
