package io.minnow.modeltools.eval;

import java.util.List;

/**
 * Completes prompts greedily (always the most likely next token) until end-of-text or a token limit, and
 * returns only the generated text. The float model and the int8 export each have one, so evaluation scores
 * both the same way.
 */
public interface Completer {

    /** One completion per prompt, in order, without the prompt and without the end-of-text token. */
    List<String> complete(List<String> prompts, int maxNewTokens);
}
