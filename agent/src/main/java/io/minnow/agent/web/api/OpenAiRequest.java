package io.minnow.agent.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.runtime.generate.ChatMessage;
import io.minnow.runtime.generate.ModelInfo;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A {@code /v1/completions} or {@code /v1/chat/completions} body, checked the way the OpenAI API checks it:
 * an unknown parameter or one this server cannot honour (n > 1, logprobs, tools, penalties) is refused, not
 * ignored. Sampling options left out take the loaded bundle's defaults, as over MQTT. Immutable.
 */
public record OpenAiRequest(PromptInput input, SamplingOptions sampling, boolean stream, boolean includeUsage) {
    private static final Set<String> COMMON = Set.of("model", "max_tokens", "temperature", "top_p", "stop", "seed",
            "n", "stream", "stream_options", "user", "top_k", "min_p", "repeat_penalty", "frequency_penalty",
            "presence_penalty", "logprobs", "logit_bias", "store", "metadata");
    private static final Set<String> CHAT = Set.of("messages", "max_completion_tokens", "top_logprobs",
            "parallel_tool_calls", "response_format");
    private static final Set<String> TEXT = Set.of("prompt", "echo", "best_of", "suffix");

    /** A parameter that is wrong; {@link #notFound} for a model this server does not have (404). */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;
        private final OpenAiError error;

        Invalid(OpenAiError error) {
            super(error.message());
            this.error = error;
        }

        public OpenAiError error() {
            return error;
        }
    }

    /** @param chat true for chat completions ({@code messages}), false for text completions ({@code prompt}) */
    public static OpenAiRequest parse(ObjectNode body, boolean chat, ModelInfo model) throws Invalid {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!COMMON.contains(name) && !(chat ? CHAT : TEXT).contains(name)) {
                throw invalid(name, "Unrecognized request argument supplied: " + name);
            }
        }
        JsonNode m = body.get("model");
        if (m == null || !m.isTextual()) {
            throw invalid("model", "model is missing; expected \"" + model.name() + "\" (GET /v1/models)");
        }
        if (!m.asText().equals(model.name())) {
            throw new Invalid(new OpenAiError(404, "invalid_request_error", "model_not_found", "model",
                    "The model `" + m.asText() + "` does not exist; this agent serves `" + model.name() + "`"));
        }
        requireAbsentOr(body, "n", JsonNode::isIntegralNumber, 1, "n must be 1: this server makes one choice");
        requireAbsentOr(body, "best_of", JsonNode::isIntegralNumber, 1, "best_of must be 1");
        requireFalse(body, "logprobs");
        requireFalse(body, "echo");
        requireZero(body, "frequency_penalty");
        requireZero(body, "presence_penalty");
        if (body.has("logit_bias") && !body.get("logit_bias").isNull() && !body.get("logit_bias").isEmpty()) {
            throw invalid("logit_bias", "logit_bias is not supported");
        }
        if (body.has("suffix") && !body.get("suffix").isNull()) {
            throw invalid("suffix", "suffix is not supported");
        }
        if (body.has("top_logprobs") && !body.get("top_logprobs").isNull()) {
            throw invalid("top_logprobs", "top_logprobs is not supported");
        }
        JsonNode format = body.get("response_format");
        if (format != null && !format.isNull() && !"text".equals(format.path("type").asText())) {
            throw invalid("response_format", "response_format must be {\"type\": \"text\"}");
        }
        PromptInput input = chat ? new PromptInput.Chat(messages(body)) : new PromptInput.Text(prompt(body));
        boolean stream = bool(body, "stream");
        JsonNode options = body.get("stream_options");
        boolean usage = false;
        if (options != null && !options.isNull()) {
            if (!stream) {
                throw invalid("stream_options", "stream_options is only allowed with stream: true");
            }
            if (!options.isObject()) {
                throw invalid("stream_options", "stream_options must be an object");
            }
            usage = bool((ObjectNode) options, "include_usage");
        }
        return new OpenAiRequest(input, sampling(body, chat, model), stream, usage);
    }

    private static SamplingOptions sampling(ObjectNode body, boolean chat, ModelInfo model) throws Invalid {
        SamplingOptions d = model.defaults();
        int context = model.contextLength() > 0 ? model.contextLength() : Integer.MAX_VALUE;
        String maxName = chat && present(body, "max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        Integer max = integer(body, maxName, 1, context);
        Float temperature = number(body, "temperature", 0, 2);
        Float topP = number(body, "top_p", 0, 1);
        Integer topK = integer(body, "top_k", 0, Integer.MAX_VALUE);
        Float minP = number(body, "min_p", 0, 1);
        Float repeat = number(body, "repeat_penalty", 0, 10);
        OptionalLong seed = OptionalLong.empty();
        if (present(body, "seed")) {
            JsonNode s = body.get("seed");
            if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                throw invalid("seed", "seed is " + s + "; expected an integer");
            }
            seed = OptionalLong.of(s.asLong());
        }
        try {
            return d.overriddenBy(max == null ? Math.min(d.maxTokens(), context) : max, temperature, topK, topP, minP,
                    repeat).withSeedAndStop(seed, stop(body));
        } catch (SamplingOptions.InvalidOption e) {
            throw invalid(e.field(), e.getMessage());
        }
    }

    private static List<String> stop(ObjectNode body) throws Invalid {
        if (!present(body, "stop")) {
            return List.of();
        }
        JsonNode s = body.get("stop");
        if (s.isTextual() && !s.asText().isEmpty()) {
            return List.of(s.asText());
        }
        List<String> out = new ArrayList<>();
        if (s.isArray() && s.size() <= 4) {
            for (JsonNode e : s) {
                if (!e.isTextual() || e.asText().isEmpty()) {
                    throw invalid("stop", "stop is " + s + "; expected a string or up to 4 non-empty strings");
                }
                out.add(e.asText());
            }
            return out;
        }
        throw invalid("stop", "stop is " + s + "; expected a string or up to 4 non-empty strings");
    }

    private static String prompt(ObjectNode body) throws Invalid {
        JsonNode p = body.get("prompt");
        if (p != null && p.isArray() && p.size() == 1 && p.get(0).isTextual()) {
            p = p.get(0);
        }
        if (p == null || !p.isTextual()) {
            throw invalid("prompt", "prompt is " + (p == null ? "missing" : p)
                    + "; expected a string (one prompt; token arrays are not supported)");
        }
        return p.asText();
    }

    private static List<ChatMessage> messages(ObjectNode body) throws Invalid {
        JsonNode m = body.get("messages");
        if (m == null || !m.isArray() || m.isEmpty()) {
            throw invalid("messages", "messages must be a non-empty array of {role, content}");
        }
        List<ChatMessage> out = new ArrayList<>();
        for (int i = 0; i < m.size(); i++) {
            JsonNode msg = m.get(i);
            String where = "messages[" + i + "]";
            if (!msg.isObject() || !msg.path("role").isTextual()) {
                throw invalid(where, where + " must be an object with a role and a content");
            }
            String role = msg.get("role").asText();
            if (role.equals("developer")) {
                role = "system"; // newer clients' name for the system role
            }
            out.add(new ChatMessage(role, content(msg.get("content"), where)));
        }
        return out;
    }

    /** A string, or an array of {@code {"type": "text", "text": ...}} parts joined. */
    private static String content(JsonNode c, String where) throws Invalid {
        if (c != null && c.isTextual()) {
            return c.asText();
        }
        if (c != null && c.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : c) {
                if (!"text".equals(part.path("type").asText()) || !part.path("text").isTextual()) {
                    throw invalid(where + ".content", where + ".content has a part that is not text; only text is"
                            + " supported");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw invalid(where + ".content", where + ".content must be a string or an array of text parts");
    }

    private static boolean present(ObjectNode body, String name) {
        return body.has(name) && !body.get(name).isNull();
    }

    private static boolean bool(ObjectNode body, String name) throws Invalid {
        if (!present(body, name)) {
            return false;
        }
        if (!body.get(name).isBoolean()) {
            throw invalid(name, name + " is " + body.get(name) + "; expected true or false");
        }
        return body.get(name).asBoolean();
    }

    private static Integer integer(ObjectNode body, String name, long min, long max) throws Invalid {
        if (!present(body, name)) {
            return null;
        }
        JsonNode v = body.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw invalid(name, name + " is " + v + "; expected an integer from " + min + " to " + max);
        }
        return (int) v.asLong();
    }

    private static Float number(ObjectNode body, String name, float min, float max) throws Invalid {
        if (!present(body, name)) {
            return null;
        }
        JsonNode v = body.get(name);
        if (!v.isNumber() || v.floatValue() < min || v.floatValue() > max) {
            throw invalid(name, name + " is " + v + "; expected a number from " + min + " to " + max);
        }
        return v.floatValue();
    }

    private static void requireAbsentOr(ObjectNode body, String name, java.util.function.Predicate<JsonNode> type,
            long only, String message) throws Invalid {
        if (present(body, name) && !(type.test(body.get(name)) && body.get(name).asLong() == only)) {
            throw invalid(name, message);
        }
    }

    private static void requireFalse(ObjectNode body, String name) throws Invalid {
        if (present(body, name) && !(body.get(name).isBoolean() && !body.get(name).asBoolean())) {
            throw invalid(name, name + " is not supported");
        }
    }

    private static void requireZero(ObjectNode body, String name) throws Invalid {
        if (present(body, name) && !(body.get(name).isNumber() && body.get(name).doubleValue() == 0)) {
            throw invalid(name, name + " is not supported; leave it out or set it to 0");
        }
    }

    private static Invalid invalid(String param, String message) {
        return new Invalid(OpenAiError.invalid(param, message));
    }
}
