package io.minnow.agent.inference;

import java.util.ArrayList;
import java.util.List;

/**
 * The broker acknowledgements one accepted request owes: its own delivery's and those of redelivered copies
 * that arrived while it was being answered. All are given once its final reply is with the broker; a copy
 * arriving after that is acknowledged at once. Thread-safe.
 */
final class PendingAcks {
    private List<Runnable> owed = new ArrayList<>(1); // null once delivered

    PendingAcks(Runnable first) {
        owed.add(first);
    }

    /** Adds the acknowledgement of a redelivered copy. */
    void add(Runnable acknowledge) {
        synchronized (this) {
            if (owed != null) {
                owed.add(acknowledge);
                return;
            }
        }
        acknowledge.run();
    }

    /** The final reply is with the broker: acknowledge every delivery of the request. */
    void delivered() {
        List<Runnable> due;
        synchronized (this) {
            due = owed;
            owed = null;
        }
        if (due != null) {
            due.forEach(Runnable::run);
        }
    }
}
