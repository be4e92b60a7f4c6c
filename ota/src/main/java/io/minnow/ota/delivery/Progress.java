package io.minnow.ota.delivery;

/** Told as a download advances (after each checkpoint), on the downloading thread. */
@FunctionalInterface
public interface Progress {
    /**
     * @param bytes bytes of the bundle on disk
     * @param size the bundle's size in bytes
     * @param bytesPerSecond the rate of the current attempt
     */
    void advanced(long bytes, long size, long bytesPerSecond);

    Progress NONE = (b, s, r) -> { };
}
