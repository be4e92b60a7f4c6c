package io.minnow.ota.verify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Refuses a bundle zip that could harm whoever unpacks or reads it, before the runtime opens it: absolute
 * paths, {@code ..} segments, backslashes and drive letters (zip-slip), symbolic links, duplicate names (two
 * readers could see two different files), too many entries, and entries that inflate beyond the
 * {@link ArchiveLimits} (zip bombs). Sizes are counted while inflating, never taken from the headers, which
 * an attacker writes. Stateless and thread-safe.
 */
public final class ArchiveCheck {
    private ArchiveCheck() {
    }

    /** @throws UpdateRejected with {@link ReasonCode#BUNDLE_UNSAFE} naming the entry, or BUNDLE_INVALID if not a zip */
    public static void check(Path bundle, ArchiveLimits limits) throws UpdateRejected {
        try (ZipFile zip = ZipFile.builder().setPath(bundle).get()) {
            List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
            if (entries.size() > limits.maxEntries()) {
                throw unsafe("holds " + entries.size() + " entries; at most " + limits.maxEntries() + " are allowed");
            }
            Set<String> names = new HashSet<>();
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            for (ZipArchiveEntry e : entries) {
                String name = e.getName();
                checkName(name);
                if (!names.add(name)) {
                    throw unsafe("holds two entries named \"" + name + "\"");
                }
                if (e.isUnixSymlink()) {
                    throw unsafe("entry \"" + name + "\" is a symbolic link");
                }
                if (e.isDirectory()) {
                    continue;
                }
                long compressed = Math.max(1, e.getCompressedSize());
                long ratioLimit = e.getMethod() == ZipArchiveEntry.STORED ? Long.MAX_VALUE
                        : compressed * limits.maxRatio() + 64 * 1024;
                long read = 0;
                try (InputStream in = zip.getInputStream(e)) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        read += n;
                        if (read > limits.maxEntryBytes()) {
                            throw unsafe("entry \"" + name + "\" inflates beyond " + limits.maxEntryBytes() + " bytes");
                        }
                        if (read > ratioLimit) {
                            throw unsafe("entry \"" + name + "\" inflates more than " + limits.maxRatio()
                                    + " times its compressed size of " + compressed + " bytes (a zip bomb)");
                        }
                        if (total + read > limits.maxTotalBytes()) {
                            throw unsafe("entries inflate beyond " + limits.maxTotalBytes() + " bytes in total");
                        }
                    }
                }
                total += read;
            }
        } catch (IOException e) {
            throw new UpdateRejected(ReasonCode.BUNDLE_INVALID, "the bundle is not a readable zip: " + e.getMessage(), e);
        }
    }

    private static void checkName(String name) throws UpdateRejected {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")
                || name.indexOf('\0') >= 0) {
            throw unsafe("entry \"" + name + "\" has an absolute or non-portable path");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw unsafe("entry \"" + name + "\" climbs out of the bundle with \"..\" (zip-slip)");
            }
        }
    }

    private static UpdateRejected unsafe(String what) {
        return new UpdateRejected(ReasonCode.BUNDLE_UNSAFE, "the bundle " + what);
    }
}
