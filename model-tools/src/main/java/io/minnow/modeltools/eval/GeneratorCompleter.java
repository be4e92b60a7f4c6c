package io.minnow.modeltools.eval;

import io.minnow.runtime.generate.GenerationException;
import io.minnow.runtime.generate.GenerationRequest;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.PromptInput;
import io.minnow.runtime.generate.SamplingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Greedy completion through Minnow's own generation loop over an exported bundle, so the int8 model is
 * scored exactly as the device will run it (tokenizer reader, kv-cache signatures, end-of-text stop).
 * Thread-safety is the generator's.
 */
public final class GeneratorCompleter implements Completer {

    private final Generator generator;

    public GeneratorCompleter(Generator generator) {
        this.generator = generator;
    }

    @Override
    public List<String> complete(List<String> prompts, int maxNewTokens) {
        SamplingOptions greedy = new SamplingOptions(maxNewTokens, 0f, 0, 1f, 0f, 1f, OptionalLong.empty(), List.of());
        List<String> out = new ArrayList<>(prompts.size());
        for (String prompt : prompts) {
            try {
                out.add(generator.generate(GenerationRequest.of(new PromptInput.Text(prompt), greedy), piece -> { }).text());
            } catch (GenerationException e) {
                throw new IllegalStateException("the exported model failed on prompt '" + prompt + "': " + e.getMessage(), e);
            }
        }
        return out;
    }
}
