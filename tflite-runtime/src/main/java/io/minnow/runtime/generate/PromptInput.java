package io.minnow.runtime.generate;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a request asks the model to continue: raw text, a named template with values, or a chat. */
public sealed interface PromptInput {

    /** Text given to the model as is. */
    record Text(String prompt) implements PromptInput {
        public Text {
            Objects.requireNonNull(prompt, "prompt");
        }
    }

    /** A template from the bundle's model.json, rendered with {@code values}. */
    record Template(String name, Map<String, String> values) implements PromptInput {
        public Template {
            Objects.requireNonNull(name, "name");
            values = Map.copyOf(values);
        }
    }

    /** Chat messages rendered by the bundle's chat template. */
    record Chat(List<ChatMessage> messages) implements PromptInput {
        public Chat {
            messages = List.copyOf(messages);
        }
    }
}
