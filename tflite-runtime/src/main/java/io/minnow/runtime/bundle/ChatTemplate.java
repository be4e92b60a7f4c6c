package io.minnow.runtime.bundle;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.minnow.runtime.generate.ChatMessage;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.tokenizer.PromptText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How chat messages become one prompt: {@code prefix}, then each message through its role's template (which
 * has exactly one placeholder, {@code {{content}}}), then {@code generation_prompt}, which opens the
 * assistant's turn. For example:
 *
 * <pre>{@code
 * "chat_template": {
 *   "prefix": "",
 *   "roles": {"system": "<|system|>{{content}}\n", "user": "<|user|>{{content}}\n",
 *             "assistant": "<|assistant|>{{content}}<|endoftext|>\n"},
 *   "generation_prompt": "<|assistant|>"
 * }
 * }</pre>
 *
 * Deliberately not Jinja: a fixed shape is enough for small models and cannot run code. Immutable.
 */
public record ChatTemplate(String prefix, Map<String, String> roles, String generationPrompt) {
    public ChatTemplate {
        prefix = prefix == null ? "" : prefix;
        generationPrompt = generationPrompt == null ? "" : generationPrompt;
        InvalidFieldException.require(roles != null && !roles.isEmpty(), "chat_template.roles",
                "must name at least one role, e.g. \"user\"");
        roles = OrderedMaps.copyOf(roles);
        for (Map.Entry<String, String> role : roles.entrySet()) {
            String field = "chat_template.roles." + role.getKey();
            PromptTemplate t = PromptTemplate.parse(field, role.getKey(), role.getValue());
            InvalidFieldException.require(t.placeholders().equals(Set.of("content")), field,
                    "must use exactly the placeholder {{content}}, found " + t.placeholders());
        }
    }

    /**
     * The prompt for {@code messages}: the template's text trusted, message contents not (see {@link
     * PromptText}), so a message cannot forge a role marker or end-of-text token.
     *
     * @throws GenerationException {@link ErrorCode#BAD_REQUEST} for no messages or a role this template lacks
     */
    @JsonIgnore
    public PromptText render(List<ChatMessage> messages) throws GenerationException {
        if (messages.isEmpty()) {
            throw new GenerationException(ErrorCode.BAD_REQUEST, "messages is empty; send at least one message");
        }
        List<PromptText.Part> out = new ArrayList<>();
        out.add(new PromptText.Part(prefix, true));
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            String role = roles.get(m.role());
            if (role == null) {
                throw new GenerationException(ErrorCode.BAD_REQUEST, "messages[" + i + "].role is '" + m.role()
                        + "'; this model knows " + new TreeMap<>(roles).keySet());
            }
            out.addAll(PromptTemplate.parse("role", m.role(), role).render(Map.of("content", m.content())).parts());
        }
        out.add(new PromptText.Part(generationPrompt, true));
        return new PromptText(out);
    }
}
