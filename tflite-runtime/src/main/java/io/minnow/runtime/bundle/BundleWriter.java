package io.minnow.runtime.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.zip.CRC32;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes a model bundle. The model is stored uncompressed and its data aligned to {@value #MODEL_ALIGNMENT}
 * bytes in the file, so a reader maps it in place and tensor data keeps the alignment the flatbuffer gave it.
 * The JSON entries are deflated. The bundle is validated as {@link ModelBundle#open} would, then written to
 * a temporary file and moved into place, so a failure leaves no partial bundle behind. Identical inputs give
 * byte-identical bundles: entries carry a fixed modification time, not the time of writing, so a rebuilt
 * bundle can be compared (and its signature checked) against an earlier one.
 *
 * <p>Stateless and thread-safe.
 */
public final class BundleWriter {
    /** Alignment of model.tflite's first byte in the bundle file. */
    public static final int MODEL_ALIGNMENT = 64;

    /** The modification time every entry records, as zip's local date and time fields. */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private BundleWriter() {
    }

    /**
     * Writes {@code target}, replacing any file there.
     *
     * @param model the whole model.tflite flatbuffer
     * @throws BundleException naming the field if the parts disagree; nothing is written then
     */
    public static void write(Path target, ByteBuffer model, byte[] tokenizerJson, ModelManifest manifest)
            throws BundleException, IOException {
        ModelBundle.checkIdentifier(model);
        TokenizerCheck.load(tokenizerJson, manifest);
        byte[] modelBytes = new byte[model.remaining()];
        model.duplicate().get(modelBytes);

        Path dir = target.toAbsolutePath().getParent();
        // Not Files.createTempFile: its files are owner-only (0600), and a bundle must stay readable by the
        // agent's user like any file the operator writes, so the process's umask decides.
        Path temp = Files.createFile(dir.resolve(".bundle-" + Long.toUnsignedString(
                java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36) + ".part"));
        try {
            try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(temp)) {
                // Zip stores local date-time fields converted through the default time zone; going through the
                // same zone here makes the fields, and so the bytes, the same on every machine.
                long time = ENTRY_TIME.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
                ZipArchiveEntry modelEntry = entry(ModelBundle.MODEL_ENTRY, time);
                modelEntry.setMethod(ZipArchiveEntry.STORED);
                modelEntry.setSize(modelBytes.length);
                CRC32 crc = new CRC32();
                crc.update(modelBytes);
                modelEntry.setCrc(crc.getValue());
                modelEntry.setAlignment(MODEL_ALIGNMENT);
                putEntry(zip, modelEntry, modelBytes);
                putEntry(zip, entry(TokenizerCheck.ENTRY, time), tokenizerJson);
                putEntry(zip, entry(ManifestJson.ENTRY, time), ManifestJson.write(manifest));
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static ZipArchiveEntry entry(String name, long time) {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setTime(time);
        return entry;
    }

    private static void putEntry(ZipArchiveOutputStream zip, ZipArchiveEntry entry, byte[] data) throws IOException {
        zip.putArchiveEntry(entry);
        zip.write(data);
        zip.closeArchiveEntry();
    }
}
