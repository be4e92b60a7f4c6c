package io.minnow.runtime.bundle;

import static io.minnow.runtime.bundle.InvalidFieldException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.minnow.runtime.generate.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bundle's {@code model.json}: what the model is and how to talk to it. Field names in JSON are
 * snake_case ({@code context_length}). Every rule is checked here, and a broken one names its field.
 *
 * <pre>{@code
 * {"name": "minnow-tiny", "version": "1.0.0", "convention": "kv-cache", "context_length": 256,
 *  "vocab_size": 512, "special_tokens": {"eos": "<|endoftext|>"},
 *  "templates": {"classify": "Sensor {{sensor}} reads {{value}}. Status:"},
 *  "chat_template": {...}, "evaluation": {"perplexity": 21.4}, "licence": "Apache-2.0",
 *  "recipe": {"steps": 3000, "corpus": "..."}}
 * }</pre>
 *
 * @param contextLength the most tokens (prompt plus completion) the model sees; 2 to {@value #MAX_CONTEXT}
 * @param vocabSize the number of logits; must equal tokenizer.json's vocabulary and the model's output
 * @param templates named prompt templates, see {@link PromptTemplate}
 * @param chatTemplate how chat messages are rendered; null if the model does not chat
 * @param evaluation scores from model-tools' evaluation, by metric name
 * @param recipe free-form notes on how the model was made (corpus, steps, seed); not interpreted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(
        String name,
        String version,
        Convention convention,
        int contextLength,
        int vocabSize,
        SpecialTokens specialTokens,
        Map<String, String> templates,
        ChatTemplate chatTemplate,
        Map<String, Double> evaluation,
        String licence,
        JsonNode recipe) {

    /** Positions are int32 and caches grow with the context; beyond this a board runs out of memory first. */
    public static final int MAX_CONTEXT = 32_768;

    public ModelManifest {
        require(name != null && !name.isBlank(), "name", "must be a non-empty string");
        require(version != null && !version.isBlank(), "version", "must be a non-empty string");
        require(convention != null, "convention", "is missing; expected \"window\" or \"kv-cache\"");
        require(contextLength >= 2 && contextLength <= MAX_CONTEXT, "context_length",
                "is " + contextLength + "; expected 2 to " + MAX_CONTEXT);
        require(vocabSize >= 2, "vocab_size", "is " + vocabSize + "; expected at least 2");
        specialTokens = specialTokens == null ? SpecialTokens.NONE : specialTokens;
        templates = templates == null ? Map.of() : Map.copyOf(new TreeMap<>(templates));
        for (Map.Entry<String, String> t : templates.entrySet()) {
            PromptTemplate.parse("templates." + t.getKey(), t.getKey(), t.getValue());
        }
        evaluation = evaluation == null ? Map.of() : Map.copyOf(evaluation);
        recipe = recipe == null ? null : recipe.deepCopy();
    }

    /** The parsed template of that name, or null. */
    public PromptTemplate template(String templateName) {
        String text = templates.get(templateName);
        return text == null ? null : PromptTemplate.parse("templates." + templateName, templateName, text);
    }

    /** What users are told about this model. */
    @JsonIgnore
    public ModelInfo info() {
        return new ModelInfo(name, version, contextLength, new ArrayList<>(new TreeMap<>(templates).keySet()));
    }

    @Override
    public JsonNode recipe() {
        return recipe == null ? null : recipe.deepCopy();
    }

    /** The special token strings that are set, by role, for checks against the tokenizer. */
    @JsonIgnore
    List<Map.Entry<String, String>> specialTokenFields() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (specialTokens.bos() != null) {
            out.add(Map.entry("special_tokens.bos", specialTokens.bos()));
        }
        if (specialTokens.eos() != null) {
            out.add(Map.entry("special_tokens.eos", specialTokens.eos()));
        }
        if (specialTokens.pad() != null) {
            out.add(Map.entry("special_tokens.pad", specialTokens.pad()));
        }
        return out;
    }
}
