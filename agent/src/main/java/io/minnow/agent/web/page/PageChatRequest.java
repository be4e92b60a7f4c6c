package io.minnow.agent.web.page;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.runtime.bundle.BundleGenerator;
import io.minnow.runtime.generate.ChatMessage;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.ModelInfo;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The page's chat request: a free {@code prompt} (sent as one user turn through the bundle's chat template
 * when it has one, else as raw text) or a {@code template} with {@code values}, and the optional sampling
 * settings over the bundle's defaults. Immutable.
 */
record PageChatRequest(PromptInput input, SamplingOptions sampling) {
    private static final Set<String> FIELDS = Set.of("prompt", "template", "values", "max_tokens", "temperature",
            "top_k", "top_p", "min_p", "repeat_penalty", "seed");

    /** @throws IllegalArgumentException saying what is wrong, for a 400 */
    static PageChatRequest parse(ObjectNode body, Generator generator) {
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new IllegalArgumentException("unknown field \"" + name + "\"");
            }
        }
        ModelInfo m = generator.model();
        PromptInput input;
        if (body.hasNonNull("template")) {
            String name = body.get("template").asText();
            if (!m.templates().contains(name)) {
                throw new IllegalArgumentException("template \"" + name + "\" is not in " + m.name() + "; it has "
                        + m.templates());
            }
            Map<String, String> values = new LinkedHashMap<>();
            JsonNode v = body.path("values");
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                values.put(e.getKey(), e.getValue().asText());
            }
            input = new PromptInput.Template(name, values);
        } else {
            JsonNode p = body.get("prompt");
            if (p == null || !p.isTextual() || p.asText().isBlank()) {
                throw new IllegalArgumentException("write a question, or pick a template and fill its fields");
            }
            boolean chats = !(generator instanceof BundleGenerator b) || b.manifest().chatTemplate() != null;
            input = chats ? new PromptInput.Chat(List.of(new ChatMessage("user", p.asText())))
                    : new PromptInput.Text(p.asText());
        }
        SamplingOptions d = m.defaults();
        int context = m.contextLength() > 0 ? m.contextLength() : Integer.MAX_VALUE;
        SamplingOptions s = d.overriddenBy(
                integer(body, "max_tokens", 1, context, Math.min(d.maxTokens(), context)),
                number(body, "temperature"), integer(body, "top_k", 0, Integer.MAX_VALUE, null), number(body, "top_p"),
                number(body, "min_p"), number(body, "repeat_penalty"));
        OptionalLong seed = body.hasNonNull("seed") ? OptionalLong.of(integer(body, "seed", Long.MIN_VALUE,
                Long.MAX_VALUE, null)) : OptionalLong.empty();
        return new PageChatRequest(input, s.withSeedAndStop(seed, List.of()));
    }

    private static Integer integer(ObjectNode body, String name, long min, long max, Integer fallback) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return fallback;
        }
        long n;
        try {
            n = v.isIntegralNumber() ? v.asLong() : Long.parseLong(v.asText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is " + v + "; expected a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " is " + n + "; expected " + min + " to " + max);
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
    }

    private static Float number(ObjectNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            return null;
        }
        try {
            return v.isNumber() ? v.floatValue() : Float.parseFloat(v.asText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is " + v + "; expected a number");
        }
    }
}
