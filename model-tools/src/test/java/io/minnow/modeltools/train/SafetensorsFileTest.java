package io.minnow.modeltools.train;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A safetensors file is read only if its header describes exactly the bytes that follow it. */
class SafetensorsFileTest {

    static final GptConfig TINY = new GptConfig(8, 4, 4, 1, 1, 8);

    @TempDir
    Path dir;

    /** A valid file of TINY's initial weights with one edit made to the header text. */
    Path withHeaderEdit(String from, String to) throws IOException {
        Path f = dir.resolve("w.safetensors");
        SafetensorsFile.write(GptWeights.initial(TINY, 1), f);
        byte[] all = Files.readAllBytes(f);
        int length = (int) ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        String header = new String(all, 8, length, StandardCharsets.UTF_8);
        if (!header.contains(from)) {
            throw new IllegalStateException("header has no " + from + ": " + header);
        }
        byte[] edited = header.replace(from, to).getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + edited.length + all.length - 8 - length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(edited.length).put(edited).put(Arrays.copyOfRange(all, 8 + length, all.length));
        return Files.write(f, out.array());
    }

    @Test
    void refusesATensorWithoutDataOffsets() throws IOException {
        Path f = withHeaderEdit("\"data_offsets\":[0,128]", "\"offsets\":[0,128]");
        assertThatThrownBy(() -> SafetensorsFile.read(f)).isInstanceOf(IOException.class)
                .hasMessage(f + ": tensor tok_emb needs data_offsets [begin, end] in bytes, got missing");
    }

    @Test
    void refusesOffsetsThatReachIntoTheHeader() throws IOException {
        // ln_f.bias has 4 floats; these offsets point at the 16 header bytes before the data.
        Path f = withHeaderEdit("\"ln_f.bias\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[",
                "\"ln_f.bias\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[-16,0],\"was\":[");
        assertThatThrownBy(() -> SafetensorsFile.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f + ": tensor ln_f.bias has data_offsets [-16, 0]");
    }

    @Test
    void refusesTensorsThatShareBytes() throws IOException {
        // pos_emb (16 floats) claims the first 64 of tok_emb's bytes and leaves its own bytes unclaimed.
        Path f = withHeaderEdit("\"data_offsets\":[128,192]", "\"data_offsets\":[0,64]");
        assertThatThrownBy(() -> SafetensorsFile.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f + ": tensor data must fill the file without gaps or overlaps");
    }

    @Test
    void refusesTwoTensorsOnTheSameBytesAtTheEndOfTheData() throws IOException {
        // tok_emb's 128 bytes are cut from the front of the data, every other tensor moves down by 128, and
        // tok_emb then claims lm_head.weight's bytes (the last 128): the data is filled to its end without a gap,
        // but two tensors share bytes.
        Path f = dir.resolve("w.safetensors");
        SafetensorsFile.write(GptWeights.initial(TINY, 1), f);
        byte[] all = Files.readAllBytes(f);
        int length = (int) ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        ObjectNode header = (ObjectNode) new ObjectMapper().readTree(new String(all, 8, length, StandardCharsets.UTF_8));
        for (Map.Entry<String, JsonNode> e : header.properties()) {
            if (!e.getKey().equals("__metadata__") && !e.getKey().equals("tok_emb")) {
                ArrayNode offsets = (ArrayNode) e.getValue().get("data_offsets");
                offsets.set(0, offsets.get(0).asLong() - 128);
                offsets.set(1, offsets.get(1).asLong() - 128);
            }
        }
        ((ObjectNode) header.get("tok_emb")).set("data_offsets", header.get("lm_head.weight").get("data_offsets").deepCopy());
        byte[] edited = new ObjectMapper().writeValueAsBytes(header);
        byte[] data = Arrays.copyOfRange(all, 8 + length + 128, all.length);
        ByteBuffer out = ByteBuffer.allocate(8 + edited.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(edited.length).put(edited).put(data);
        Files.write(f, out.array());
        assertThatThrownBy(() -> SafetensorsFile.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f + ": tensor data must fill the file without gaps or overlaps");
    }

    @Test
    void refusesOffsetsBeyondTheFileWithoutOverflowing() throws IOException {
        Path f = withHeaderEdit("\"data_offsets\":[0,128]", "\"data_offsets\":[9223372036854775800,9223372036854775800]");
        assertThatThrownBy(() -> SafetensorsFile.read(f)).isInstanceOf(IOException.class)
                .hasMessageContaining(f + ": tensor tok_emb has data_offsets [9223372036854775800, 9223372036854775800]");
    }

    @Test
    void namesTheFileWhenTheHeaderIsNotJson() throws IOException {
        Path f = withHeaderEdit("{\"__metadata__\"", "{{\"__metadata__\"");
        assertThatThrownBy(() -> SafetensorsFile.read(f)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(f + ": the safetensors header is not valid JSON");
    }
}
