package io.minnow.ota.delivery;

import java.util.Locale;

/**
 * Why a delivery (download) failed before the release reached the verifier: a stable code (its {@link
 * #wireName}) for the board's update status and the admin tools. Verification failures keep the core's
 * {@link io.minnow.ota.verify.ReasonCode}; these only say the bytes never arrived whole. docs/ota.md lists them.
 */
public enum DeliveryReason {
    /** The state directory's file system has not room for the rest of the bundle, the store's copy and the margin. */
    DISK_FULL,
    /** Attempts kept failing until {@code ota.delivery.give_up_after_ms} passed; the message says the last error. */
    DOWNLOAD_TIMEOUT,
    /** A source redirected more often than {@code ota.delivery.max_redirects} allows. */
    TOO_MANY_REDIRECTS,
    /** The downloaded bytes do not hash to the offer's signed SHA-256 (after every retry). */
    DIGEST_MISMATCH,
    /** The offer names no source this board can use, or a source it cannot parse. */
    NO_SOURCE,
    /** The partial download or its record could not be written. */
    STORE_ERROR;

    /** The stable code, e.g. {@code disk_full}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
