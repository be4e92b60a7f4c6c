package io.minnow.agent.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.minnow.agent.health.BoardHealth;
import io.minnow.agent.health.HealthWarning;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.ModelInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Writes the JSON payloads the agent publishes (see docs/mqtt-api.md). Stateless and thread-safe.
 */
public final class Replies {
    private static final JsonFactory JSON = new JsonFactory();

    private Replies() {}

    /** The last message for a request that ran. */
    public static byte[] result(Optional<String> id, GenerationResult r, ModelInfo model, Timings t, int chunks) {
        return write(g -> {
            header(g, id, "final");
            g.writeStringField("text", r.text());
            g.writeStringField("finish_reason", r.finishReason().wireName());
            g.writeObjectFieldStart("usage");
            g.writeNumberField("prompt_tokens", r.promptTokens());
            g.writeNumberField("completion_tokens", r.completionTokens());
            g.writeNumberField("cached_prompt_tokens", r.cachedPromptTokens());
            g.writeEndObject();
            g.writeObjectFieldStart("model");
            g.writeStringField("name", model.name());
            g.writeStringField("version", model.version());
            g.writeEndObject();
            g.writeObjectFieldStart("timings_ms");
            g.writeNumberField("queue", millis(t.queueNanos()));
            g.writeNumberField("prefill", millis(r.prefillNanos()));
            g.writeNumberField("decode", millis(r.decodeNanos()));
            g.writeNumberField("model", millis(t.modelNanos()));
            g.writeNumberField("total", millis(t.totalNanos()));
            g.writeEndObject();
            double seconds = (r.prefillNanos() + r.decodeNanos()) / 1e9;
            g.writeNumberField("tokens_per_second", seconds > 0 ? Math.round(r.completionTokens() / seconds * 10) / 10.0 : 0);
            if (chunks > 0) {
                g.writeNumberField("chunks", chunks);
            }
        });
    }

    /** One piece of streamed text; {@code seq} counts from 0. */
    public static byte[] chunk(Optional<String> id, int seq, String text) {
        return write(g -> {
            header(g, id, "chunk");
            g.writeNumberField("seq", seq);
            g.writeStringField("text", text);
        });
    }

    /** A request that failed or was refused. */
    public static byte[] error(Optional<String> id, ErrorCode code, String message) {
        return write(g -> {
            header(g, id, "error");
            g.writeObjectFieldStart("error");
            g.writeStringField("code", code.wireName());
            g.writeStringField("message", message);
            g.writeEndObject();
        });
    }

    /**
     * The retained status: {@code state} is {@code online} or {@code offline}; {@code model} is null and
     * {@code model_error} says why when no model is loaded; {@code health} holds only what the board reports.
     */
    public static byte[] status(String device, String group, String state, Optional<ModelInfo> model,
            String modelError, int queueDepth, int queueCapacity, String mqttVersion, BoardHealth health) {
        return write(g -> {
            g.writeStringField("device", device);
            g.writeStringField("group", group);
            g.writeStringField("state", state);
            if (model.isPresent()) {
                g.writeObjectFieldStart("model");
                g.writeStringField("name", model.get().name());
                g.writeStringField("version", model.get().version());
                g.writeNumberField("context_length", model.get().contextLength());
                g.writeEndObject();
            } else {
                g.writeNullField("model");
                g.writeStringField("model_error", modelError);
            }
            g.writeNumberField("queue_depth", queueDepth);
            g.writeNumberField("queue_capacity", queueCapacity);
            g.writeStringField("mqtt", mqttVersion);
            health(g, health);
            g.writeNumberField("timestamp_ms", System.currentTimeMillis());
        });
    }

    private static void health(JsonGenerator g, BoardHealth h) throws IOException {
        g.writeObjectFieldStart("health");
        if (h.cpuTempC().isPresent()) {
            g.writeNumberField("cpu_temp_c", Math.round(h.cpuTempC().getAsDouble() * 10) / 10.0);
        }
        if (h.throttleFlags().isPresent()) {
            g.writeStringField("throttled", "0x" + Integer.toHexString(h.throttleFlags().getAsInt()));
            g.writeBooleanField("under_voltage_since_boot", h.underVoltageSinceBoot());
        }
        if (h.memory().isPresent()) {
            g.writeNumberField("memory_total_bytes", h.memory().get().totalBytes());
            g.writeNumberField("memory_available_bytes", h.memory().get().availableBytes());
        }
        if (h.load().isPresent()) {
            g.writeArrayFieldStart("load");
            g.writeNumber(h.load().get().oneMinute());
            g.writeNumber(h.load().get().fiveMinutes());
            g.writeNumber(h.load().get().fifteenMinutes());
            g.writeEndArray();
        }
        if (h.disk().isPresent()) {
            g.writeNumberField("disk_total_bytes", h.disk().get().totalBytes());
            g.writeNumberField("disk_free_bytes", h.disk().get().freeBytes());
        }
        g.writeArrayFieldStart("warnings");
        for (HealthWarning w : HealthWarning.values()) {
            if (h.warnings().contains(w)) {
                g.writeString(w.wireName());
            }
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void header(JsonGenerator g, Optional<String> id, String type) throws IOException {
        if (id.isPresent()) {
            g.writeStringField("id", id.get());
        }
        g.writeStringField("type", type);
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }

    /** Writes one JSON object through {@code body}. */
    static byte[] write(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
