package io.minnow.modeltools.train;

import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.util.Comparator;
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

    /** Writes {@code weights} to {@code file}, replacing it; the header's offsets are in bytes of the data. */
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

    /**
     * Reads weights written by {@link #write}. The header must describe exactly the bytes that follow it: every
     * tensor float32, its offsets inside the data, and the tensors filling the data without gaps or overlaps
     * (as the format requires), so a damaged or foreign file is refused rather than read as weights.
     */
    public static GptWeights read(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        if (all.length < 8) {
            throw new IOException(file + " is too short to be a safetensors file");
        }
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = buf.getLong(0);
        if (headerLength <= 0 || headerLength > all.length - 8) {
            throw new IOException(file + ": safetensors header length " + headerLength + " does not fit the file");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(all, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": the safetensors header is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        JsonNode meta = header.path("__metadata__");
        if (!"minnow-gpt".equals(meta.path("format").asText())) {
            throw new IOException(file + " has no minnow-gpt metadata; it was not written by model-tools");
        }
        GptConfig config = new GptConfig(intMeta(file, meta, "vocab_size"), intMeta(file, meta, "context_length"),
                intMeta(file, meta, "d_model"), intMeta(file, meta, "layers"), intMeta(file, meta, "heads"),
                intMeta(file, meta, "d_feed_forward"));
        int base = 8 + (int) headerLength;
        long dataLength = all.length - base;
        List<GptWeights.Tensor> tensors = new ArrayList<>();
        List<long[]> spans = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            String where = file + ": tensor " + e.getKey();
            JsonNode node = e.getValue();
            if (!"F32".equals(node.path("dtype").asText())) {
                throw new IOException(where + " is " + node.path("dtype").asText() + ", expected F32");
            }
            int[] shape = shape(node.path("shape"), where);
            JsonNode offsets = node.path("data_offsets");
            if (!offsets.isArray() || offsets.size() != 2 || !isLong(offsets.get(0)) || !isLong(offsets.get(1))) {
                throw new IOException(where + " needs data_offsets [begin, end] in bytes, got "
                        + (offsets.isMissingNode() ? "missing" : offsets.toString()));
            }
            long begin = offsets.get(0).asLong();
            long end = offsets.get(1).asLong();
            if (begin < 0 || end < begin || end > dataLength || (end - begin) % 4 != 0) {
                throw new IOException(where + " has data_offsets [" + begin + ", " + end + "], not whole float32 "
                        + "values inside the " + dataLength + " data bytes");
            }
            float[] values = new float[(int) ((end - begin) / 4)];
            buf.slice(base + (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            tensors.add(new GptWeights.Tensor(e.getKey(), shape, values));
            spans.add(new long[] {begin, end});
        }
        spans.sort(Comparator.<long[]>comparingLong(span -> span[0]).thenComparingLong(span -> span[1]));
        // Every span, not only those up to the end, must start where the one before it ended: a second tensor
        // on the last bytes would otherwise pass, the data being filled by then.
        long filled = 0;
        for (long[] span : spans) {
            if (span[0] != filled) {
                throw new IOException(file + ": tensor data must fill the file without gaps or overlaps (a tensor "
                        + "starts at byte " + span[0] + " where the one before it ends at " + filled + ")");
            }
            filled = span[1];
        }
        if (filled != dataLength) {
            throw new IOException(file + ": tensor data must fill the file without gaps or overlaps (the tensors "
                    + "end at byte " + filled + " of " + dataLength + ")");
        }
        return new GptWeights(config, tensors);
    }

    private static boolean isLong(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong();
    }

    private static int[] shape(JsonNode node, String where) throws IOException {
        if (!node.isArray()) {
            throw new IOException(where + " has shape " + node + ", not a list of sizes");
        }
        int[] shape = new int[node.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = node.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 0) {
                throw new IOException(where + " has shape " + node + ", not a list of sizes");
            }
            shape[i] = d.asInt();
        }
        return shape;
    }

    private static int intMeta(Path file, JsonNode meta, String key) throws IOException {
        String v = meta.path(key).asText("");
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": safetensors metadata " + key + " must be an integer, got '" + v + "'", e);
        }
    }
}
