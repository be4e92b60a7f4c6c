package io.minnow.agent.web.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.agent.web.http.Json;
import io.minnow.runtime.generate.GenerationResult;

/**
 * The JSON shapes of one completion: whole ({@code chat.completion} / {@code text_completion}) or as stream
 * chunks ({@code chat.completion.chunk} / {@code text_completion}), as the official clients parse them.
 * Immutable.
 */
record CompletionFormat(boolean chat, String id, long created, String model) {

    ObjectNode whole(GenerationResult r) {
        ObjectNode root = head(chat ? "chat.completion" : "text_completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        if (chat) {
            choice.putObject("message").put("role", "assistant").put("content", r.text()).putNull("refusal");
        } else {
            choice.put("text", r.text());
        }
        choice.putNull("logprobs").put("finish_reason", r.finishReason().wireName());
        usage(root, r);
        return root;
    }

    /** The first chunk of a chat stream, which names the role; null for text completions. */
    ObjectNode opening() {
        return chat ? chunk("", true, null) : null;
    }

    ObjectNode delta(String text) {
        return chunk(text, false, null);
    }

    ObjectNode closing(GenerationResult r) {
        return chunk("", false, r.finishReason().wireName());
    }

    /** The extra last chunk that {@code stream_options.include_usage} asks for: no choices, the usage. */
    ObjectNode usageChunk(GenerationResult r) {
        ObjectNode root = head(chat ? "chat.completion.chunk" : "text_completion");
        root.putArray("choices");
        usage(root, r);
        return root;
    }

    private ObjectNode chunk(String text, boolean role, String finish) {
        ObjectNode root = head(chat ? "chat.completion.chunk" : "text_completion");
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        if (chat) {
            ObjectNode delta = choice.putObject("delta");
            if (role) {
                delta.put("role", "assistant");
            }
            if (finish == null) {
                delta.put("content", text);
            }
        } else {
            choice.put("text", text);
        }
        choice.putNull("logprobs").put("finish_reason", finish);
        return root;
    }

    private ObjectNode head(String object) {
        return Json.object().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private static void usage(ObjectNode root, GenerationResult r) {
        root.putObject("usage").put("prompt_tokens", r.promptTokens()).put("completion_tokens", r.completionTokens())
                .put("total_tokens", r.promptTokens() + r.completionTokens());
    }
}
