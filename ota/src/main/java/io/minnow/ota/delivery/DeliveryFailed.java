package io.minnow.ota.delivery;

/** A download that cannot finish, with its reason code and a sentence an admin can act on. */
public final class DeliveryFailed extends Exception {
    private static final long serialVersionUID = 1L;

    private final DeliveryReason reason;

    public DeliveryFailed(DeliveryReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DeliveryReason reason() {
        return reason;
    }
}
