package io.minnow.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.runtime.DataType;
import io.minnow.runtime.Quantization;
import io.minnow.runtime.builder.GraphBuilder;
import io.minnow.runtime.builder.ModelBuilder;
import io.minnow.runtime.builder.OpOptions;
import io.minnow.runtime.lm.ModelConvention;
import io.minnow.runtime.lm.RandomTransformer;
import io.minnow.runtime.lm.TransformerConfig;
import io.minnow.runtime.lm.TransformerExporter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.lite.schema.BuiltinOperator;

class TfliteModelTest {
    @TempDir
    Path dir;

    @Test
    void loadsFileMemoryMappedWithInt8WeightsAsViews() throws IOException {
        Path file = dir.resolve("lm.tflite");
        TransformerExporter.export(RandomTransformer.weights(new TransformerConfig(40, 8, 16, 2, 1, 32), 1),
                ModelConvention.KV_CACHE, file);
        TfliteModel model = TfliteModel.load(file);
        assertThat(model.sizeBytes()).isEqualTo((int) Files.size(file));
        assertThat(model.buffer().isDirect()).isTrue();
        assertThat(model.subgraphs()).hasSize(2);
        assertThat(model.signatures()).extracting(ModelSignature::key).containsExactly("prefill", "decode");
        assertThat(model.signature("decode").orElseThrow().inputs()).containsKeys("tokens", "positions", "mask",
                "past_k_0", "past_v_0");
        ModelTensor table = model.subgraph(0).tensors().stream()
                .filter(t -> t.name().equals("embed/token/table")).findFirst().orElseThrow();
        assertThat(table.dataType()).isEqualTo(DataType.INT8);
        assertThat(table.data().isDirect()).as("weights are views into the mapped file, not copies").isTrue();
        assertThat(table.data().isReadOnly()).isTrue();
        assertThat(table.data().remaining()).isEqualTo(40 * 16);
        ModelTensor decodeTable = model.subgraph(1).tensors().stream()
                .filter(t -> t.name().equals("embed/token/table")).findFirst().orElseThrow();
        assertThat(decodeTable.buffer()).as("subgraphs share weight buffers").isEqualTo(table.buffer());
    }

    @Test
    void aModelSharedByThreadsCannotBeChangedThroughItsLists() throws IOException {
        Path file = dir.resolve("lm.tflite");
        TransformerExporter.export(RandomTransformer.weights(new TransformerConfig(40, 8, 16, 2, 1, 32), 1),
                ModelConvention.KV_CACHE, file);
        TfliteModel model = TfliteModel.load(file);

        assertThatThrownBy(() -> model.subgraphs().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> model.signatures().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> model.signature("decode").orElseThrow().inputs().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(model.subgraphs()).hasSize(2);
    }

    @Test
    void rejectsFileWithoutTfl3Identifier() {
        byte[] bytes = modelBytes();
        bytes[4] = 'X';
        assertThatThrownBy(() -> TfliteModel.fromBytes(bytes))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("TFL3");
    }

    @Test
    void rejectsTruncatedFile() {
        byte[] bytes = modelBytes();
        assertThatThrownBy(() -> TfliteModel.fromBytes(Arrays.copyOf(bytes, bytes.length / 2)))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("truncated or corrupted");
        assertThatThrownBy(() -> TfliteModel.fromBytes(new byte[5]))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("truncated");
    }

    @Test
    void rejectsUnsupportedOperatorNamingItsIndexVersionAndTypes() {
        ModelBuilder mb = new ModelBuilder("conv");
        GraphBuilder g = mb.addSubgraph("main");
        int x = g.input("x", DataType.FLOAT32, 1, 4);
        int y = g.op(BuiltinOperator.TANH, OpOptions.NONE, "y", DataType.FLOAT32, new int[] {1, 4}, x);
        int z = g.tensor("z", DataType.FLOAT32, 1, 4);
        g.op(BuiltinOperator.HARD_SWISH, 1, OpOptions.NONE, new int[] {y}, z);
        g.output(z);
        assertThatThrownBy(() -> TfliteModel.fromBytes(mb.toBytes()))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("operator #1")
                .hasMessageContaining("HARD_SWISH")
                .hasMessageContaining("version 1")
                .hasMessageContaining("(FLOAT32) -> (FLOAT32)");
    }

    @Test
    void rejectsOperatorVersionNewerThanSupported() {
        ModelBuilder mb = new ModelBuilder("add v9");
        GraphBuilder g = mb.addSubgraph("main");
        int x = g.input("x", DataType.FLOAT32, 2);
        int y = g.tensor("y", DataType.FLOAT32, 2);
        g.op(BuiltinOperator.ADD, 9, OpOptions.add(), new int[] {x, x}, y);
        g.output(y);
        assertThatThrownBy(() -> TfliteModel.fromBytes(mb.toBytes()))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("ADD version 9")
                .hasMessageContaining("versions 1-4");
    }

    @Test
    void rejectsUnsupportedTensorType() {
        ModelBuilder mb = new ModelBuilder("int16 tanh");
        GraphBuilder g = mb.addSubgraph("main");
        int x = g.input("x", DataType.INT16, 2);
        int y = g.tensor("y", DataType.INT16, Quantization.perTensor(0.1f, 0), 2);
        g.op(BuiltinOperator.TANH, 1, OpOptions.NONE, new int[] {x}, y);
        g.output(y);
        assertThatThrownBy(() -> TfliteModel.fromBytes(mb.toBytes()))
                .isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("TANH")
                .hasMessageContaining("INT16")
                .hasMessageContaining("operator #0");
    }

    @Test
    void rejectsSignatureReferringToMissingTensor() {
        ModelBuilder mb = new ModelBuilder("dangling");
        GraphBuilder g = mb.addSubgraph("main");
        int x = g.input("x", DataType.FLOAT32, 2);
        g.output(x);
        mb.addSignature("s", g, java.util.Map.of("x", 7), java.util.Map.of("y", x));
        assertThatThrownBy(() -> TfliteModel.fromBytes(mb.toBytes()))
                .isInstanceOf(InvalidModelException.class).hasMessageContaining("refers to tensor 7");
    }

    @Test
    void keepsDirectNativeOrderBufferWithoutCopying() {
        byte[] bytes = modelBytes();
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).order(java.nio.ByteOrder.nativeOrder());
        direct.put(bytes).flip();
        TfliteModel model = TfliteModel.fromBuffer(direct);
        direct.put(100, (byte) 42);
        assertThat(model.buffer().get(100)).isEqualTo((byte) 42);
    }

    private static byte[] modelBytes() {
        return TransformerExporter.export(RandomTransformer.weights(new TransformerConfig(20, 4, 8, 2, 1, 16), 3),
                ModelConvention.KV_CACHE);
    }
}
