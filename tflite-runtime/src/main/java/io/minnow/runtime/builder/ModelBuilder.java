package io.minnow.runtime.builder;

import com.google.flatbuffers.FlatBufferBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tensorflow.lite.schema.Buffer;
import org.tensorflow.lite.schema.Model;
import org.tensorflow.lite.schema.OperatorCode;
import org.tensorflow.lite.schema.OperatorCodeT;
import org.tensorflow.lite.schema.SignatureDef;
import org.tensorflow.lite.schema.SignatureDefT;
import org.tensorflow.lite.schema.SubGraph;
import org.tensorflow.lite.schema.TensorMapT;

/**
 * Writes TensorFlow Lite flatbuffers from Java: weight buffers shared by any number of subgraphs, subgraphs
 * built with {@link GraphBuilder}, and SignatureDefs.
 *
 * <p>Weight bytes are held once (as added) and copied straight into the output: the schema's object API stores
 * one {@code int} per byte, which would cost four times the weights in heap, so buffers bypass it. Peak heap
 * while building is about twice the weights. Each buffer is 16-byte aligned in the file.
 *
 * <p>Not thread-safe; build on one thread.
 */
public final class ModelBuilder {
    private static final int BUFFER_ALIGNMENT = 16;

    private final String description;
    private final List<byte[]> buffers = new ArrayList<>();
    private final List<GraphBuilder> subgraphs = new ArrayList<>();
    private final Map<Long, Integer> opcodeIndex = new LinkedHashMap<>();
    private final List<SignatureDefT> signatures = new ArrayList<>();

    public ModelBuilder(String description) {
        this.description = Objects.requireNonNull(description, "description");
        buffers.add(new byte[0]); // buffer 0 must be the empty sentinel
    }

    /** Adds a constant buffer (little-endian element bytes, kept by reference) and returns its index. */
    public int addBuffer(byte[] data) {
        buffers.add(Objects.requireNonNull(data, "data"));
        return buffers.size() - 1;
    }

    public int addBuffer(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return addBuffer(b.array());
    }

    public int addBuffer(int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return addBuffer(b.array());
    }

    /** Starts a new subgraph; subgraph 0 is the one an interpreter's plain {@code run()} executes. */
    public GraphBuilder addSubgraph(String name) {
        GraphBuilder g = new GraphBuilder(this, subgraphs.size(), name);
        subgraphs.add(g);
        return g;
    }

    /**
     * Declares a signature over {@code graph}.
     *
     * @param inputs signature input name to tensor index in {@code graph}
     * @param outputs signature output name to tensor index in {@code graph}
     */
    public void addSignature(String key, GraphBuilder graph, Map<String, Integer> inputs, Map<String, Integer> outputs) {
        if (graph.owner() != this) {
            throw new IllegalArgumentException("graph " + graph.name() + " belongs to another model builder");
        }
        SignatureDefT def = new SignatureDefT();
        def.setSignatureKey(key);
        def.setSubgraphIndex(graph.index());
        def.setInputs(tensorMaps(inputs));
        def.setOutputs(tensorMaps(outputs));
        signatures.add(def);
    }

    private static TensorMapT[] tensorMaps(Map<String, Integer> names) {
        TensorMapT[] maps = new TensorMapT[names.size()];
        int i = 0;
        for (Map.Entry<String, Integer> e : names.entrySet()) {
            maps[i] = new TensorMapT();
            maps[i].setName(e.getKey());
            maps[i].setTensorIndex(e.getValue());
            i++;
        }
        return maps;
    }

    int buffers() {
        return buffers.size();
    }

    /** Index of the operator code for (builtin, version), added on first use. */
    int opcode(int builtinCode, int version) {
        return opcodeIndex.computeIfAbsent(((long) builtinCode << 32) | version, k -> opcodeIndex.size());
    }

    /** The finished model as a heap buffer (position 0, little-endian). */
    public ByteBuffer build() {
        long weights = 0;
        for (byte[] b : buffers) {
            weights += b.length + BUFFER_ALIGNMENT + 16;
        }
        if (weights > Integer.MAX_VALUE - (1 << 24)) {
            throw new IllegalStateException("weights of " + weights + " bytes exceed the 2 GB flatbuffer limit");
        }
        FlatBufferBuilder fbb = new FlatBufferBuilder((int) weights + (1 << 16));
        // Built back to front: weight data first so it ends up at the end of the file, tables after.
        int[] bufferOffsets = new int[buffers.size()];
        for (int i = buffers.size() - 1; i >= 0; i--) {
            byte[] data = buffers.get(i);
            int dataOffset = 0;
            if (data.length > 0) {
                fbb.createUnintializedVector(1, data.length, BUFFER_ALIGNMENT).put(data);
                dataOffset = fbb.endVector();
            }
            Buffer.startBuffer(fbb);
            if (dataOffset != 0) {
                Buffer.addData(fbb, dataOffset);
            }
            bufferOffsets[i] = Buffer.endBuffer(fbb);
        }
        int buffersVector = Model.createBuffersVector(fbb, bufferOffsets);
        int[] graphOffsets = new int[subgraphs.size()];
        for (int i = 0; i < graphOffsets.length; i++) {
            graphOffsets[i] = SubGraph.pack(fbb, subgraphs.get(i).toSchema());
        }
        int graphsVector = Model.createSubgraphsVector(fbb, graphOffsets);
        int[] codeOffsets = new int[opcodeIndex.size()];
        int c = 0;
        for (long key : opcodeIndex.keySet()) {
            OperatorCodeT code = new OperatorCodeT();
            int builtin = (int) (key >>> 32);
            code.setBuiltinCode(builtin);
            // Readers before schema 2.4 only know the byte-sized field; it saturates at 127 for newer ops.
            code.setDeprecatedBuiltinCode((byte) Math.min(builtin, 127));
            code.setVersion((int) key);
            codeOffsets[c++] = OperatorCode.pack(fbb, code);
        }
        int codesVector = Model.createOperatorCodesVector(fbb, codeOffsets);
        int[] sigOffsets = new int[signatures.size()];
        for (int i = 0; i < sigOffsets.length; i++) {
            sigOffsets[i] = SignatureDef.pack(fbb, signatures.get(i));
        }
        int sigVector = Model.createSignatureDefsVector(fbb, sigOffsets);
        int descriptionOffset = fbb.createString(description);
        Model.startModel(fbb);
        Model.addVersion(fbb, 3);
        Model.addOperatorCodes(fbb, codesVector);
        Model.addSubgraphs(fbb, graphsVector);
        Model.addDescription(fbb, descriptionOffset);
        Model.addBuffers(fbb, buffersVector);
        Model.addSignatureDefs(fbb, sigVector);
        int model = Model.endModel(fbb);
        Model.finishModelBuffer(fbb, model);
        return fbb.dataBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The finished model as a byte array. */
    public byte[] toBytes() {
        ByteBuffer b = build();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Writes the finished model to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        WritableByteChannel channel = Channels.newChannel(out);
        ByteBuffer b = build();
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Writes the finished model to {@code file}, replacing it. */
    public void writeTo(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            writeTo(out);
        }
    }
}
