package io.minnow.agent.protocol;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.minnow.runtime.generate.ChatMessage;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.ModelInfo;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Turns a request payload into an {@link InferenceRequest} or a {@link RequestRejected} that says exactly
 * what was wrong. Strict: unknown fields, wrong types and ambiguous inputs are rejected rather than guessed
 * at. Thread-safe; runs on the MQTT callback thread, so it only parses and never blocks.
 */
public final class RequestParser {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final JsonFactory STREAMING = new JsonFactory();
    static final Set<String> FIELDS = Set.of("id", "reply_to", "client", "prompt", "template", "values",
            "messages", "max_tokens", "temperature", "top_k", "top_p", "min_p", "repeat_penalty", "seed", "stop",
            "stream", "deadline_ms");
    private static final String FIELD_LIST = String.join(", ", FIELDS.stream().sorted().toList());
    private static final int MAX_ID_CHARS = 128;
    /** Well under MQTT's 65,535 bytes even in UTF-8, so Paho never refuses the reply topic. */
    private static final int MAX_TOPIC_CHARS = 1024;
    private static final long MAX_DEADLINE_MS = 3_600_000;

    private final int maxPayloadBytes;
    private final long defaultDeadlineMs;
    private final Supplier<Optional<ModelInfo>> model;

    /**
     * @param model the model currently loaded, if any: its context length bounds {@code max_tokens}, its
     *     templates are checked before a request is queued, and its {@link ModelInfo#defaults()} fill in the
     *     sampling options a request leaves out
     */
    public RequestParser(int maxPayloadBytes, long defaultDeadlineMs, Supplier<Optional<ModelInfo>> model) {
        this.maxPayloadBytes = maxPayloadBytes;
        this.defaultDeadlineMs = defaultDeadlineMs;
        this.model = model;
    }

    public InferenceRequest parse(InboundMessage message) throws RequestRejected {
        Optional<ReplyRoute> transportRoute = message.responseTopic()
                .map(t -> new ReplyRoute(t, message.correlationData()));
        byte[] payload = message.payload();
        if (payload.length > maxPayloadBytes) {
            throw salvaged(ErrorCode.TOO_LARGE, "payload is " + payload.length + " bytes; the limit is "
                    + maxPayloadBytes + " bytes (mqtt.max_payload_bytes)", payload, transportRoute);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "payload is not UTF-8 text; expected a JSON object",
                    Optional.empty(), transportRoute);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw salvaged(ErrorCode.BAD_REQUEST, "payload is not valid JSON" + where + ": " + e.getOriginalMessage(),
                    payload, transportRoute);
        }
        if (root == null || !root.isObject()) {
            throw new RequestRejected(ErrorCode.BAD_REQUEST, "payload is "
                    + (root == null ? "empty" : "a JSON " + root.getNodeType().name().toLowerCase(java.util.Locale.ROOT))
                    + "; expected a JSON object", Optional.empty(), transportRoute);
        }
        return new Fields(root, transportRoute).request();
    }

    private RequestRejected salvaged(ErrorCode code, String message, byte[] payload, Optional<ReplyRoute> route) {
        String[] found = new String[2];
        try (JsonParser p = STREAMING.createParser(payload)) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    if (value == JsonToken.VALUE_STRING && name.equals("id")) {
                        found[0] = p.getText();
                    } else if (value == JsonToken.VALUE_STRING && name.equals("reply_to")) {
                        found[1] = p.getText();
                    } else {
                        p.skipChildren();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // The payload is broken somewhere after what was read; keep what was found before it.
        }
        Optional<String> id = Optional.ofNullable(found[0]).filter(RequestParser::validId);
        Optional<ReplyRoute> r = route.isPresent() ? route
                : Optional.ofNullable(found[1]).filter(RequestParser::validTopic).map(t -> new ReplyRoute(t, Optional.empty()));
        return new RequestRejected(code, message, id, r);
    }

    private static boolean validId(String id) {
        return !id.isEmpty() && id.length() <= MAX_ID_CHARS;
    }

    static boolean validTopic(String topic) {
        return !topic.isEmpty() && topic.length() <= MAX_TOPIC_CHARS && topic.indexOf('+') < 0 && topic.indexOf('#') < 0
                && topic.indexOf('\0') < 0;
    }

    /** Reads the fields of one request object; the first problem found is thrown. */
    private final class Fields {
        private final JsonNode root;
        private Optional<String> id = Optional.empty();
        private Optional<ReplyRoute> route;

        Fields(JsonNode root, Optional<ReplyRoute> transportRoute) {
            this.root = root;
            this.route = transportRoute;
        }

        InferenceRequest request() throws RequestRejected {
            JsonNode idNode = root.get("id");
            if (idNode != null && (!idNode.isTextual() || !validId(idNode.asText()))) {
                throw reject("id is " + idNode + "; expected a string of 1 to " + MAX_ID_CHARS + " characters");
            }
            id = Optional.ofNullable(idNode).map(JsonNode::asText);
            Optional<String> replyTo = optionalText("reply_to");
            if (replyTo.isPresent() && !validTopic(replyTo.get())) {
                // The error still goes to the MQTT 5 response topic when there is one: it always wins.
                throw reject("reply_to is \"" + replyTo.get() + "\"; expected a topic name of 1 to " + MAX_TOPIC_CHARS
                        + " characters without '+', '#' or NUL");
            }
            boolean fromPayload = route.isEmpty();
            if (fromPayload) {
                route = replyTo.map(t -> new ReplyRoute(t, Optional.empty()));
            }
            if (route.isEmpty()) {
                throw reject("no reply topic; set the MQTT 5 response topic or the reply_to field");
            }
            if (id.isEmpty() && fromPayload) {
                throw reject("id is missing; expected a request id with reply_to (MQTT 3.1.1 requests must carry one)");
            }
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!FIELDS.contains(name)) {
                    throw reject("unknown field \"" + name + "\"; expected only " + FIELD_LIST);
                }
            }
            String client = optionalText("client").orElse(route.get().topic());
            PromptInput input = input();
            SamplingOptions sampling = sampling();
            boolean stream = bool("stream");
            long deadline = integer("deadline_ms", defaultDeadlineMs, 1, MAX_DEADLINE_MS);
            return new InferenceRequest(id, route.get(), client, input, sampling, stream, deadline);
        }

        private PromptInput input() throws RequestRejected {
            int given = (root.has("prompt") ? 1 : 0) + (root.has("template") ? 1 : 0) + (root.has("messages") ? 1 : 0);
            if (given != 1) {
                throw reject((given == 0 ? "no input" : "more than one input")
                        + "; expected exactly one of prompt, template (with values) or messages");
            }
            if (root.has("values") && !root.has("template")) {
                throw reject("values is set without template; expected values only with a template");
            }
            if (root.has("prompt")) {
                return new PromptInput.Text(requiredText("prompt"));
            }
            if (root.has("template")) {
                String name = requiredText("template");
                Optional<ModelInfo> info = model.get();
                if (info.isPresent() && !info.get().templates().contains(name)) {
                    throw reject("template \"" + name + "\" is not in model " + info.get().name() + " "
                            + info.get().version() + "; expected one of " + info.get().templates());
                }
                return new PromptInput.Template(name, values());
            }
            return new PromptInput.Chat(messages());
        }

        private Map<String, String> values() throws RequestRejected {
            JsonNode v = root.get("values");
            if (v == null) {
                return Map.of();
            }
            if (!v.isObject()) {
                throw reject("values is " + v + "; expected an object of names to strings or numbers");
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                JsonNode value = e.getValue();
                if (!value.isTextual() && !value.isNumber() && !value.isBoolean()) {
                    throw reject("values." + e.getKey() + " is " + value + "; expected a string, number or boolean");
                }
                out.put(e.getKey(), value.asText());
            }
            return out;
        }

        private List<ChatMessage> messages() throws RequestRejected {
            JsonNode m = root.get("messages");
            if (!m.isArray() || m.isEmpty()) {
                throw reject("messages is " + m + "; expected a non-empty array of {role, content}");
            }
            List<ChatMessage> out = new ArrayList<>();
            for (int i = 0; i < m.size(); i++) {
                JsonNode msg = m.get(i);
                JsonNode role = msg.get("role");
                JsonNode content = msg.get("content");
                if (!msg.isObject() || msg.size() != 2 || role == null || !role.isTextual() || content == null
                        || !content.isTextual()) {
                    throw reject("messages[" + i + "] is " + msg + "; expected {\"role\": \"system\"|\"user\"|"
                            + "\"assistant\", \"content\": text}");
                }
                if (!Set.of("system", "user", "assistant").contains(role.asText())) {
                    throw reject("messages[" + i + "].role is " + role + "; expected system, user or assistant");
                }
                out.add(new ChatMessage(role.asText(), content.asText()));
            }
            return out;
        }

        private SamplingOptions sampling() throws RequestRejected {
            // An option the request leaves out takes the loaded bundle's default (model.json "defaults").
            Optional<ModelInfo> info = model.get();
            SamplingOptions d = info.map(ModelInfo::defaults).orElse(SamplingOptions.DEFAULT);
            int context = info.map(ModelInfo::contextLength).filter(c -> c > 0).orElse(1 << 20);
            int maxTokens = (int) integer("max_tokens", Math.min(d.maxTokens(), context), 1, context);
            float temperature = number("temperature", d.temperature());
            int topK = (int) integer("top_k", d.topK(), 0, Integer.MAX_VALUE);
            float topP = number("top_p", d.topP());
            float minP = number("min_p", d.minP());
            float repeat = number("repeat_penalty", d.repeatPenalty());
            JsonNode seedNode = root.get("seed");
            if (seedNode != null && !(seedNode.isIntegralNumber() && seedNode.canConvertToLong())) {
                throw reject("seed is " + seedNode + "; expected an integer");
            }
            java.util.OptionalLong seed = seedNode == null ? java.util.OptionalLong.empty()
                    : java.util.OptionalLong.of(seedNode.asLong());
            List<String> stop = stop();
            try {
                return new SamplingOptions(maxTokens, temperature, topK, topP, minP, repeat, seed, stop);
            } catch (IllegalArgumentException e) {
                throw reject(e.getMessage());
            }
        }

        private List<String> stop() throws RequestRejected {
            JsonNode s = root.get("stop");
            if (s == null) {
                return List.of();
            }
            if (s.isTextual()) {
                return List.of(s.asText());
            }
            List<String> out = new ArrayList<>();
            if (s.isArray() && s.size() <= 8) {
                for (JsonNode e : s) {
                    if (!e.isTextual()) {
                        out = null;
                        break;
                    }
                    out.add(e.asText());
                }
                if (out != null) {
                    return out;
                }
            }
            throw reject("stop is " + s + "; expected a string or an array of up to 8 strings");
        }

        private Optional<String> optionalText(String name) throws RequestRejected {
            JsonNode v = root.get(name);
            if (v == null) {
                return Optional.empty();
            }
            if (!v.isTextual()) {
                throw reject(name + " is " + v + "; expected a string");
            }
            return Optional.of(v.asText());
        }

        private String requiredText(String name) throws RequestRejected {
            return optionalText(name).orElseThrow(() -> reject(name + " is missing; expected a string"));
        }

        private boolean bool(String name) throws RequestRejected {
            JsonNode v = root.get(name);
            if (v != null && !v.isBoolean()) {
                throw reject(name + " is " + v + "; expected true or false");
            }
            return v != null && v.asBoolean();
        }

        private long integer(String name, long fallback, long min, long max) throws RequestRejected {
            JsonNode v = root.get(name);
            if (v == null) {
                return fallback;
            }
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
                throw reject(name + " is " + v + "; expected an integer from " + min + " to " + max);
            }
            return v.asLong();
        }

        private float number(String name, float fallback) throws RequestRejected {
            JsonNode v = root.get(name);
            if (v == null) {
                return fallback;
            }
            if (!v.isNumber()) {
                throw reject(name + " is " + v + "; expected a number");
            }
            return v.floatValue();
        }

        private RequestRejected reject(String message) {
            return new RequestRejected(ErrorCode.BAD_REQUEST, message, id, route);
        }
    }
}
