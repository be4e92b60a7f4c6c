package io.minnow.modeltools.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@link GptWeights} as a safetensors file (float32, little-endian), with the model shape
 * in the header's {@code __metadata__}, so export and evaluation need no PyTorch and other tools can open
 * the weights. Written here rather than with DJL's encoder because DJL cannot read its safetensors back
 * without an engine and has no place for the metadata. Stateless and thread-safe.
 */
public final class SafetensorsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsFile() {}

    public static void write(GptWeights weights, Path file) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject("__metadata__");
        GptConfig c = weights.config();
        meta.put("format", "minnow-gpt");
        meta.put("vocab_size", Integer.toString(c.vocabSize()));
        meta.put("context_length", Integer.toString(c.contextLength()));
        meta.put("d_model", Integer.toString(c.dModel()));
        meta.put("layers", Integer.toString(c.layers()));
        meta.put("heads", Integer.toString(c.heads()));
        meta.put("d_feed_forward", Integer.toString(c.dFeedForward()));
        long offset = 0;
        for (GptWeights.Tensor t : weights.all()) {
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (int s : t.shape()) {
                shape.add(s);
            }
            entry.putArray("data_offsets").add(offset).add(offset + 4L * t.values().length);
            offset += 4L * t.values().length;
        }
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        int padded = (headerBytes.length + 7) / 8 * 8;
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(len.array());
            out.write(headerBytes);
            for (int i = headerBytes.length; i < padded; i++) {
                out.write(' ');
            }
            for (GptWeights.Tensor t : weights.all()) {
                ByteBuffer b = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(t.values());
                out.write(b.array());
            }
        }
    }

    public static GptWeights read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8) {
            throw new IOException(file + " is too short to be a safetensors file");
        }
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buf.getLong(0);
        if (headerLength <= 0 || 8 + headerLength > all.length) {
            throw new IOException(file + ": safetensors header length " + headerLength + " does not fit the file");
        }
        JsonNode header = JSON.readTree(new String(all, 8, (int) headerLength, StandardCharsets.UTF_8));
        JsonNode meta = header.path("__metadata__");
        if (!"minnow-gpt".equals(meta.path("format").asText())) {
            throw new IOException(file + " has no minnow-gpt metadata; it was not written by model-tools");
        }
        GptConfig config = new GptConfig(intMeta(meta, "vocab_size"), intMeta(meta, "context_length"),
                intMeta(meta, "d_model"), intMeta(meta, "layers"), intMeta(meta, "heads"), intMeta(meta, "d_feed_forward"));
        long base = 8 + headerLength;
        List<GptWeights.Tensor> tensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonNode node = e.getValue();
            if (!"F32".equals(node.path("dtype").asText())) {
                throw new IOException(file + ": tensor " + e.getKey() + " is " + node.path("dtype").asText() + ", expected F32");
            }
            int[] shape = new int[node.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = node.path("shape").get(i).asInt();
            }
            long begin = base + node.path("data_offsets").get(0).asLong();
            long end = base + node.path("data_offsets").get(1).asLong();
            if (end > all.length || begin > end || (end - begin) % 4 != 0) {
                throw new IOException(file + ": tensor " + e.getKey() + " has bad data offsets");
            }
            float[] values = new float[(int) ((end - begin) / 4)];
            buf.slice((int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            tensors.add(new GptWeights.Tensor(e.getKey(), shape, values));
        }
        return new GptWeights(config, tensors);
    }

    private static int intMeta(JsonNode meta, String key) throws IOException {
        String v = meta.path(key).asText("");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IOException("safetensors metadata " + key + " must be an integer, got '" + v + "'", e);
        }
    }
}
