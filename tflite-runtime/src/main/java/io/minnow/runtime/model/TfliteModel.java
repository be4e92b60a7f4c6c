package io.minnow.runtime.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded, validated TensorFlow Lite model. The file is memory-mapped read-only and never copied: constant
 * tensors are views into it, so int8 weights stay int8 and pages are shared by every interpreter (and process)
 * using the same file. Loading checks the flatbuffer's identifier and bounds and rejects, with an {@link
 * UnsupportedModelException} naming the operator, any operator, version or tensor type Minnow cannot run.
 *
 * <p>Immutable and thread-safe. Create any number of interpreters over one model.
 */
public final class TfliteModel {
    private final ByteBuffer buffer;
    private final String source;
    private final String description;
    private final List<ModelSubgraph> subgraphs;
    private final List<ModelSignature> signatures;

    private TfliteModel(ByteBuffer buffer, String source) {
        this.buffer = buffer;
        this.source = source;
        ModelParser.Parsed parsed = ModelParser.parse(buffer);
        this.description = parsed.description();
        this.subgraphs = List.copyOf(parsed.subgraphs());
        this.signatures = List.copyOf(parsed.signatures());
    }

    /**
     * Maps {@code file} read-only and validates it.
     *
     * @throws IOException when the file cannot be read
     * @throws InvalidModelException when it is not a usable TensorFlow Lite model
     */
    public static TfliteModel load(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new InvalidModelException(file + " is " + size + " bytes; models over 2 GB are not supported");
            }
            ByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.nativeOrder());
            return new TfliteModel(mapped, file.toString());
        }
    }

    /**
     * Validates a model held in memory. A direct buffer in native byte order is used as is (the caller must not
     * change it afterwards); anything else is copied once into a direct buffer, which the native backend needs.
     */
    public static TfliteModel fromBuffer(ByteBuffer model) {
        Objects.requireNonNull(model, "model");
        ByteBuffer b = model.slice().order(model.order());
        if (!b.isDirect() || b.order() != ByteOrder.nativeOrder()) {
            ByteBuffer copy = ByteBuffer.allocateDirect(b.remaining()).order(ByteOrder.nativeOrder());
            copy.put(b.duplicate());
            copy.flip();
            b = copy;
        }
        return new TfliteModel(b.asReadOnlyBuffer().order(ByteOrder.nativeOrder()), "memory");
    }

    /** Same as {@link #fromBuffer(ByteBuffer)} for a byte array (copied). */
    public static TfliteModel fromBytes(byte[] model) {
        return fromBuffer(ByteBuffer.wrap(model));
    }

    /** A read-only view of the whole file: direct, native byte order, position 0. */
    public ByteBuffer buffer() {
        return buffer.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    /** The file size in bytes. */
    public int sizeBytes() {
        return buffer.capacity();
    }

    /** Where the model came from: a file path or {@code memory}. */
    public String source() {
        return source;
    }

    public String description() {
        return description;
    }

    public List<ModelSubgraph> subgraphs() {
        return subgraphs;
    }

    public ModelSubgraph subgraph(int index) {
        return subgraphs.get(index);
    }

    public List<ModelSignature> signatures() {
        return signatures;
    }

    public Optional<ModelSignature> signature(String key) {
        return signatures.stream().filter(s -> s.key().equals(key)).findFirst();
    }

    @Override
    public String toString() {
        return "TfliteModel(" + source + ", " + buffer.capacity() + " bytes, " + subgraphs.size() + " subgraphs)";
    }
}
