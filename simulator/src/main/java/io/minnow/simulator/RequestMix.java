package io.minnow.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import io.minnow.runtime.generate.TextSink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The requests virtual devices send: templates for the default model's four tasks, free prompts, streamed
 * answers, requests with a deadline, malformed and oversized payloads. Greedy template requests carry the answer the
 * model gives when called directly, so every reply can be checked. Immutable after construction; {@link #next}
 * is thread-safe when each caller passes its own {@link Random}.
 */
final class RequestMix {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What kind of request it is, and so what a correct reply looks like. */
    enum Kind { TEMPLATE, STREAMED_TEMPLATE, PROMPT, DEADLINE, MALFORMED, OVERSIZED }

    /**
     * One request to send.
     *
     * @param fields the JSON request without {@code id}/{@code reply_to} (added per device); for MALFORMED the
     *     raw text that follows them
     * @param expected the text the final reply must carry (greedy template requests), if known
     */
    record Request(Kind kind, String fields, Optional<String> expected) {}

    private record Template(String name, Map<String, String> values) {}

    private static final List<Template> TEMPLATES = List.of(
            new Template("status", Map.of("reading",
                    "pressure=0.8 flow=42 motor_temp=71 vibration=3.0 current=10.4 voltage=192 level=15")),
            new Template("status", Map.of("reading",
                    "pressure=4.1 flow=40 motor_temp=62 vibration=2.1 current=9.8 voltage=230 level=55")),
            new Template("error_code", Map.of("code", "E04")),
            new Template("error_code", Map.of("code", "E01")),
            new Template("manual", Map.of("question", "How often should I do bearing greasing?")),
            new Template("log", Map.of("line", "12:03:44 RS-485 link down")));

    /** Over the agent's default 64 KiB payload limit: must be refused too_large, not dropped. */
    private static final Request OVERSIZED = new Request(Kind.OVERSIZED,
            "\"prompt\":\"" + "pump ".repeat(14_000) + "\"", Optional.empty());

    private final List<Request> checked = new ArrayList<>();
    private final List<Request> streamed = new ArrayList<>();

    /**
     * Computes each template request's expected answer with {@code model} (greedy: the bundle's defaults with
     * temperature 0), the way the agent will run it.
     */
    RequestMix(Generator model) throws Exception {
        SamplingOptions d = model.model().defaults();
        SamplingOptions greedy = new SamplingOptions(d.maxTokens(), 0f, d.topK(), d.topP(), d.minP(), d.repeatPenalty(),
                java.util.OptionalLong.empty(), d.stop());
        for (Template t : TEMPLATES) {
            if (!model.model().templates().contains(t.name())) {
                continue;
            }
            String text = model.generate(GenerationRequest.of(new PromptInput.Template(t.name(), t.values()), greedy),
                    TextSink.NONE).text();
            checked.add(new Request(Kind.TEMPLATE, fields(t, false), Optional.of(text)));
            streamed.add(new Request(Kind.STREAMED_TEMPLATE, fields(t, true), Optional.of(text)));
        }
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("model " + model.model().name() + " has none of the default model's"
                    + " templates (status, error_code, manual, log); the simulator checks answers against them");
        }
    }

    private static String fields(Template t, boolean stream) {
        ObjectNode o = JSON.createObjectNode();
        o.put("template", t.name());
        ObjectNode v = o.putObject("values");
        new LinkedHashMap<>(t.values()).forEach(v::put);
        o.put("temperature", 0);
        if (stream) {
            o.put("stream", true);
        }
        return o.toString().substring(1, o.toString().length() - 1);
    }

    /** The next request of the mix: mostly checked templates, some streamed, prompts, deadlines, malformed. */
    Request next(Random random) {
        int r = random.nextInt(100);
        if (r < 55) {
            return checked.get(random.nextInt(checked.size()));
        }
        if (r < 70) {
            return streamed.get(random.nextInt(streamed.size()));
        }
        if (r < 85) {
            return new Request(Kind.PROMPT, "\"prompt\":\"Pump " + (1 + random.nextInt(9))
                    + " reads " + random.nextInt(6) + " bar.\",\"max_tokens\":16", Optional.empty());
        }
        if (r < 95) {
            return new Request(Kind.DEADLINE, "\"template\":\"error_code\",\"values\":{\"code\":\"E0"
                    + random.nextInt(8) + "\"},\"deadline_ms\":" + (50 + random.nextInt(2000)), Optional.empty());
        }
        if (r < 98) {
            return new Request(Kind.MALFORMED, "\"prompt\": [unterminated", Optional.empty());
        }
        return OVERSIZED;
    }

    /** The first request of the mix that is answered with the model's own text, for bursts. */
    Request checked() {
        return checked.get(0);
    }
}
