package io.minnow.runtime.bundle;

import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.tokenizer.PromptText;

/**
 * Turns a request's prompt input into the text the model sees, using the bundle's templates. Template and
 * chat text is trusted, values and message contents are not (see {@link PromptText}); a raw prompt is
 * trusted whole, since its sender writes every character of it, special tokens included. Stateless.
 */
final class PromptRenderer {
    private PromptRenderer() {
    }

    /** @throws GenerationException {@link ErrorCode#BAD_REQUEST} naming the template, value or role at fault */
    static PromptText render(PromptInput input, ModelManifest manifest) throws GenerationException {
        if (input instanceof PromptInput.Text text) {
            return PromptText.trusted(text.prompt());
        }
        if (input instanceof PromptInput.Template template) {
            PromptTemplate t = manifest.template(template.name());
            if (t == null) {
                throw new GenerationException(ErrorCode.BAD_REQUEST, "template '" + template.name()
                        + "' is not in model " + manifest.name() + "; it has " + manifest.templates().keySet());
            }
            return t.render(template.values());
        }
        PromptInput.Chat chat = (PromptInput.Chat) input;
        if (manifest.chatTemplate() == null) {
            throw new GenerationException(ErrorCode.BAD_REQUEST, "model " + manifest.name()
                    + " has no chat template; send a prompt or a template instead");
        }
        return manifest.chatTemplate().render(chat.messages());
    }
}
