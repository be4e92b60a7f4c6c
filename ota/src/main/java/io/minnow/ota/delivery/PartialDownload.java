package io.minnow.ota.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.ota.store.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A bundle being downloaded, kept across agent restarts and power cuts: {@code DIR/bundle.part} holds the
 * bytes and {@code DIR/download.json} records how many of them are durable (fsynced before the record is
 * written, and the record itself written atomically), for which release (bundle SHA-256 and size) and which
 * version of the server's file (ETag, Last-Modified), so a resumed request can ask the server for exactly
 * the rest of the same file. Bytes past the record (written after the last checkpoint) are cut off when the
 * download is opened again. Not thread-safe: one download owns it.
 */
public final class PartialDownload implements AutoCloseable {
    /** The partial file's name in the download directory. */
    public static final String PART = "bundle.part";
    /** The record's name in the download directory. */
    public static final String RECORD = "download.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String sha256;
    private final long size;
    private final FileChannel channel;
    private long durable;
    private long written;
    private Optional<String> etag;
    private Optional<String> lastModified;

    private PartialDownload(Path dir, String sha256, long size, FileChannel channel, long durable,
            Optional<String> etag, Optional<String> lastModified) {
        this.dir = dir;
        this.sha256 = sha256;
        this.size = size;
        this.channel = channel;
        this.durable = durable;
        this.written = durable;
        this.etag = etag;
        this.lastModified = lastModified;
    }

    /**
     * Opens the download of one bundle in {@code dir}: resumes what the record says is durable if the record
     * is for the same bundle, else starts from zero.
     */
    public static PartialDownload open(Path dir, String sha256, long size) throws IOException {
        Files.createDirectories(dir);
        long durable = 0;
        Optional<String> etag = Optional.empty();
        Optional<String> modified = Optional.empty();
        Path record = dir.resolve(RECORD);
        if (Files.isRegularFile(record)) {
            try {
                JsonNode n = JSON.readTree(record.toFile());
                if (sha256.equals(n.path("sha256").asText()) && n.path("size").asLong() == size) {
                    durable = Math.max(0, Math.min(size, n.path("bytes").asLong()));
                    etag = text(n, "etag");
                    modified = text(n, "last_modified");
                }
            } catch (IOException e) {
                durable = 0; // an unreadable record: start over rather than trust the part file
            }
        }
        FileChannel ch = FileChannel.open(dir.resolve(PART), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        durable = Math.min(durable, ch.size());
        ch.truncate(durable);
        ch.position(durable);
        PartialDownload d = new PartialDownload(dir, sha256, size, ch, durable, etag, modified);
        d.checkpoint();
        return d;
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    /** Bytes written so far (durable or not). */
    public long bytes() {
        return written;
    }

    /** Bytes the record says are on disk. */
    public long durableBytes() {
        return durable;
    }

    public long size() {
        return size;
    }

    public Optional<String> etag() {
        return etag;
    }

    public Optional<String> lastModified() {
        return lastModified;
    }

    /** The file being written. */
    public Path file() {
        return dir.resolve(PART);
    }

    /** Forgets every byte: the server's file changed, or the bytes did not hash right. */
    public void restart(Optional<String> newEtag, Optional<String> newLastModified) throws IOException {
        channel.truncate(0);
        channel.position(0);
        written = 0;
        etag = newEtag;
        lastModified = newLastModified;
        checkpoint();
    }

    /** Appends bytes; they become durable at the next {@link #checkpoint}. */
    public void write(byte[] buf, int off, int len) throws IOException {
        if (written + len > size) {
            throw new IOException("the source sent more than the release's " + size + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(buf, off, len);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        written += len;
    }

    /** Makes the bytes written so far durable: fsync the file, then atomically rewrite the record. */
    public void checkpoint() throws IOException {
        channel.force(true);
        ObjectNode n = JSON.createObjectNode().put("sha256", sha256).put("size", size).put("bytes", written);
        etag.ifPresent(e -> n.put("etag", e));
        lastModified.ifPresent(m -> n.put("last_modified", m));
        AtomicFiles.write(dir.resolve(RECORD), JSON.writeValueAsBytes(n));
        durable = written;
    }

    /** Bytes written since the last checkpoint. */
    public long unsynced() {
        return written - durable;
    }

    /** True when every byte is there and they hash to the release's SHA-256. */
    public boolean matches() throws IOException {
        if (written != size) {
            return false;
        }
        checkpoint();
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file())) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest()).equals(sha256);
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Removes the download's files (after the release was handed to the store). */
    public static void delete(Path dir) throws IOException {
        AtomicFiles.deleteTree(dir);
    }
}
