package io.minnow.ota.store;

import java.io.IOException;

/** The model store's directory cannot be used: unreadable state, no space, another agent holds it. */
public final class StoreException extends IOException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
