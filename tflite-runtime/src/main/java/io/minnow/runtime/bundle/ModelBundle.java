package io.minnow.runtime.bundle;

import io.minnow.runtime.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * An opened model bundle ({@code .minnow}): a zip holding {@code model.tflite}, {@code tokenizer.json} and
 * {@code model.json}, plus any entries other parts add (the OTA signature), which are ignored here.
 *
 * <p>{@code model.tflite} is stored uncompressed, so its bytes lie as-is inside the bundle file and are
 * memory-mapped in place: opening a bundle reads the small JSON entries, never copies the weights, and
 * several interpreters share one mapping. Integrity (CRC, signatures) is not checked on open; the OTA store
 * verifies bundles before they become active.
 *
 * <p>Immutable and thread-safe; {@link #model()} hands out independent read-only views.
 */
public final class ModelBundle {
    /** File name extension of bundles. */
    public static final String EXTENSION = ".minnow";
    static final String MODEL_ENTRY = "model.tflite";
    private static final String FILE_IDENTIFIER = "TFL3";

    private final Path path;
    private final ModelManifest manifest;
    private final Tokenizer tokenizer;
    private final byte[] tokenizerJson;
    private final ByteBuffer model;
    private final long modelOffset;

    private ModelBundle(Path path, ModelManifest manifest, Tokenizer tokenizer, byte[] tokenizerJson, ByteBuffer model,
            long modelOffset) {
        this.path = path;
        this.manifest = manifest;
        this.tokenizer = tokenizer;
        this.tokenizerJson = tokenizerJson;
        this.model = model;
        this.modelOffset = modelOffset;
    }

    /**
     * Opens and validates a bundle: the three entries exist, the model is stored uncompressed and is a
     * TensorFlow Lite file, model.json is valid and agrees with tokenizer.json. Tensor shapes are checked
     * when an interpreter is created ({@link ConventionCheck}).
     *
     * @throws BundleException naming the entry or field that is wrong
     */
    public static ModelBundle open(Path path) throws BundleException {
        Objects.requireNonNull(path, "path");
        try (ZipFile zip = ZipFile.builder().setPath(path).get()) {
            ModelManifest manifest = ManifestJson.parse(readEntry(zip, ManifestJson.ENTRY));
            byte[] tokenizerJson = readEntry(zip, TokenizerCheck.ENTRY);
            Tokenizer tokenizer = TokenizerCheck.load(tokenizerJson, manifest);
            ZipArchiveEntry entry = entry(zip, MODEL_ENTRY);
            if (entry.getMethod() != ZipArchiveEntry.STORED) {
                throw new BundleException(MODEL_ENTRY, "is compressed; it must be stored uncompressed (zip method"
                        + " STORED) so it can be memory-mapped in place");
            }
            long offset = entry.getDataOffset();
            long size = entry.getSize();
            ByteBuffer mapped;
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                mapped = channel.map(FileChannel.MapMode.READ_ONLY, offset, size);
            }
            mapped.order(ByteOrder.LITTLE_ENDIAN);
            checkIdentifier(mapped);
            return new ModelBundle(path, manifest, tokenizer, tokenizerJson, mapped, offset);
        } catch (IOException e) {
            throw new BundleException(path.getFileName().toString(), "cannot be read as a zip bundle: "
                    + e.getMessage(), e);
        }
    }

    static void checkIdentifier(ByteBuffer model) throws BundleException {
        if (model.remaining() < 8) {
            throw new BundleException(MODEL_ENTRY, "is " + model.remaining() + " bytes; too short for a model");
        }
        byte[] id = new byte[4];
        model.duplicate().position(model.position() + 4).get(id);
        if (!FILE_IDENTIFIER.equals(new String(id, java.nio.charset.StandardCharsets.ISO_8859_1))) {
            throw new BundleException(MODEL_ENTRY, "is not a TensorFlow Lite file (no TFL3 identifier)");
        }
    }

    private static ZipArchiveEntry entry(ZipFile zip, String name) throws BundleException {
        ZipArchiveEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new BundleException(name, "is missing from the bundle");
        }
        return entry;
    }

    private static byte[] readEntry(ZipFile zip, String name) throws BundleException, IOException {
        try (InputStream in = zip.getInputStream(entry(zip, name))) {
            return in.readAllBytes();
        }
    }

    public Path path() {
        return path;
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /** The tokenizer loaded from tokenizer.json. */
    public Tokenizer tokenizer() {
        return tokenizer;
    }

    /** The raw tokenizer.json. */
    public byte[] tokenizerJson() {
        return tokenizerJson.clone();
    }

    /** A read-only, little-endian view of the mapped model.tflite (a direct buffer, as TFLite requires). */
    public ByteBuffer model() {
        return model.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Where model.tflite's bytes start in the bundle file. */
    public long modelOffset() {
        return modelOffset;
    }
}
