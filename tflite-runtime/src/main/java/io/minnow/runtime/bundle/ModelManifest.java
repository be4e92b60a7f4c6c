package io.minnow.runtime.bundle;

import static io.minnow.runtime.bundle.InvalidFieldException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.minnow.runtime.generate.ModelInfo;
import io.minnow.runtime.generate.SamplingOptions;
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
 *  "chat_template": {...}, "defaults": {"temperature": 0}, "evaluation": {"perplexity": 21.4},
 *  "licence": "Apache-2.0",
 *  "recipe": {"steps": 3000, "corpus": "..."}}
 * }</pre>
 *
 * @param contextLength the most tokens (prompt plus completion) the model sees; 2 to {@value #MAX_CONTEXT}
 * @param vocabSize the number of logits; must equal tokenizer.json's vocabulary and the model's output
 * @param templates named prompt templates, see {@link PromptTemplate}; written in the order given (sorted by
 *     name if the map has no order), so the same manifest always gives the same bytes
 * @param chatTemplate how chat messages are rendered; null if the model does not chat
 * @param defaults generation settings for options a request leaves out; null for the runtime's own
 *     ({@link SamplingOptions#DEFAULT}), see {@link #samplingDefaults()}
 * @param evaluation scores from model-tools' evaluation, by metric name; ordered like {@code templates}
 * @param recipe free-form notes on how the model was made (corpus, steps, seed); not interpreted
 * @param selfTest prompts and exact answers checked before the model serves (OTA) and on demand; null for
 *     none, see {@link SelfTest}
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
        GenerationDefaults defaults,
        Map<String, Double> evaluation,
        String licence,
        JsonNode recipe,
        SelfTest selfTest) {

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
        templates = OrderedMaps.copyOf(templates);
        for (Map.Entry<String, String> t : templates.entrySet()) {
            PromptTemplate.parse("templates." + t.getKey(), t.getKey(), t.getValue());
        }
        if (defaults != null && defaults.maxTokens() != null) {
            require(defaults.maxTokens() <= contextLength, "defaults.max_tokens", "is " + defaults.maxTokens()
                    + "; expected at most context_length (" + contextLength + ")");
        }
        evaluation = OrderedMaps.copyOf(evaluation);
        for (Map.Entry<String, Double> e : evaluation.entrySet()) {
            require(e.getValue() != null, "evaluation." + e.getKey(), "is null; expected a number");
        }
        recipe = recipe == null ? null : recipe.deepCopy();
        if (selfTest != null) {
            selfTest.checkAgainst(templates, contextLength);
        }
    }

    /** A manifest without {@code self_test}. */
    public ModelManifest(String name, String version, Convention convention, int contextLength, int vocabSize,
            SpecialTokens specialTokens, Map<String, String> templates, ChatTemplate chatTemplate,
            GenerationDefaults defaults, Map<String, Double> evaluation, String licence, JsonNode recipe) {
        this(name, version, convention, contextLength, vocabSize, specialTokens, templates, chatTemplate, defaults,
                evaluation, licence, recipe, null);
    }

    /** A manifest without {@code defaults}: requests get the runtime's own for what they leave out. */
    public ModelManifest(String name, String version, Convention convention, int contextLength, int vocabSize,
            SpecialTokens specialTokens, Map<String, String> templates, ChatTemplate chatTemplate,
            Map<String, Double> evaluation, String licence, JsonNode recipe) {
        this(name, version, convention, contextLength, vocabSize, specialTokens, templates, chatTemplate, null,
                evaluation, licence, recipe, null);
    }

    /** This manifest with {@code defaults} replaced (null removes them). */
    public ModelManifest withDefaults(GenerationDefaults value) {
        return new ModelManifest(name, version, convention, contextLength, vocabSize, specialTokens, templates,
                chatTemplate, value, evaluation, licence, recipe, selfTest);
    }

    /** This manifest with {@code self_test} replaced (null removes it). */
    public ModelManifest withSelfTest(SelfTest value) {
        return new ModelManifest(name, version, convention, contextLength, vocabSize, specialTokens, templates,
                chatTemplate, defaults, evaluation, licence, recipe, value);
    }

    /** This manifest with {@code chat_template} replaced (null: the model does not chat). */
    public ModelManifest withChatTemplate(ChatTemplate value) {
        return new ModelManifest(name, version, convention, contextLength, vocabSize, specialTokens, templates,
                value, defaults, evaluation, licence, recipe, selfTest);
    }

    /**
     * What a request gets for the options it does not set: {@link SamplingOptions#DEFAULT} overlaid with
     * {@code defaults}, {@code max_tokens} capped at the context length.
     */
    @JsonIgnore
    public SamplingOptions samplingDefaults() {
        SamplingOptions base = defaults == null ? SamplingOptions.DEFAULT : defaults.over(SamplingOptions.DEFAULT);
        if (base.maxTokens() <= contextLength) {
            return base;
        }
        return new SamplingOptions(contextLength, base.temperature(), base.topK(), base.topP(), base.minP(),
                base.repeatPenalty(), base.seed(), base.stop());
    }

    /** The parsed template of that name, or null. */
    public PromptTemplate template(String templateName) {
        String text = templates.get(templateName);
        return text == null ? null : PromptTemplate.parse("templates." + templateName, templateName, text);
    }

    /** What users are told about this model. */
    @JsonIgnore
    public ModelInfo info() {
        return new ModelInfo(name, version, contextLength, new ArrayList<>(new TreeMap<>(templates).keySet()),
                samplingDefaults());
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
