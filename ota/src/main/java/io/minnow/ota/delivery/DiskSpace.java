package io.minnow.ota.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Free space for downloads; tests stand in a small number for a full disk. */
@FunctionalInterface
public interface DiskSpace {
    /** Bytes this process may still write on {@code dir}'s file system. */
    long usableBytes(Path dir) throws IOException;

    /** The file system's own figure. */
    DiskSpace SYSTEM = dir -> Files.getFileStore(dir).getUsableSpace();
}
