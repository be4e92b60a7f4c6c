package io.minnow.ota.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** Writes hostile bundles: a real bundle's entries plus one crafted entry. Stateless. */
public final class BadZips {
    private BadZips() {
    }

    /** {@code source}'s entries plus an entry named {@code name} holding {@code size} zero bytes, deflated. */
    public static Path withExtraEntry(Path source, Path target, String name, int size) throws IOException {
        try (ZipFile in = ZipFile.builder().setPath(source).get();
                ZipArchiveOutputStream out = new ZipArchiveOutputStream(target)) {
            for (ZipArchiveEntry e : Collections.list(in.getEntries())) {
                ZipArchiveEntry copy = new ZipArchiveEntry(e.getName());
                copy.setMethod(e.getMethod());
                if (e.getMethod() == ZipArchiveEntry.STORED) {
                    copy.setSize(e.getSize());
                    copy.setCrc(e.getCrc());
                    copy.setAlignment(64);
                }
                out.putArchiveEntry(copy);
                try (InputStream data = in.getInputStream(e)) {
                    data.transferTo(out);
                }
                out.closeArchiveEntry();
            }
            ZipArchiveEntry extra = new ZipArchiveEntry(name);
            extra.setMethod(ZipArchiveEntry.DEFLATED);
            out.putArchiveEntry(extra);
            byte[] zeros = new byte[64 * 1024];
            for (int left = size; left > 0; left -= zeros.length) {
                out.write(zeros, 0, Math.min(left, zeros.length));
            }
            out.closeArchiveEntry();
        }
        return target;
    }

    /** {@code source}'s entries plus a symbolic link entry {@code name} pointing at {@code linkTarget}. */
    public static Path withSymlink(Path source, Path target, String name, String linkTarget) throws IOException {
        try (ZipFile in = ZipFile.builder().setPath(source).get();
                ZipArchiveOutputStream out = new ZipArchiveOutputStream(target)) {
            for (ZipArchiveEntry e : Collections.list(in.getEntries())) {
                out.addRawArchiveEntry(e, in.getRawInputStream(e));
            }
            ZipArchiveEntry link = new ZipArchiveEntry(name);
            link.setUnixMode(0120777);
            out.putArchiveEntry(link);
            out.write(linkTarget.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        }
        return target;
    }
}
