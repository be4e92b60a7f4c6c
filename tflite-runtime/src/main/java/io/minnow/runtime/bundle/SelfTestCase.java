package io.minnow.runtime.bundle;

import static io.minnow.runtime.bundle.InvalidFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.minnow.runtime.generate.PromptInput;
import java.util.Map;

/**
 * One self-test case: a raw {@code prompt} or a {@code template} with {@code values}, and the exact text
 * greedy decoding must produce. Immutable.
 *
 * @param maxTokens completion tokens at most; null for the bundle's default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SelfTestCase(String prompt, String template, Map<String, String> values, String expect,
        Integer maxTokens) {
    public SelfTestCase {
        require((prompt == null) != (template == null), "self_test.cases", "each case needs either \"prompt\" or"
                + " \"template\" (with \"values\"), not both");
        require(template != null || values == null, "self_test.cases", "\"values\" belong to a \"template\" case");
        require(expect != null, "self_test.cases", "each case needs \"expect\", the exact answer");
        require(maxTokens == null || maxTokens >= 1, "self_test.cases", "\"max_tokens\" must be at least 1");
        values = template == null ? null : OrderedMaps.copyOf(values);
    }

    /** A template case. */
    public static SelfTestCase template(String template, Map<String, String> values, String expect) {
        return new SelfTestCase(null, template, values, expect, null);
    }

    /** What the model is asked. */
    public PromptInput input() {
        return template != null ? new PromptInput.Template(template, values) : new PromptInput.Text(prompt);
    }

    /** A short label for reports: the template and its values, or the start of the prompt. */
    public String label() {
        if (template != null) {
            return template + " " + values;
        }
        return prompt.length() <= 40 ? prompt : prompt.substring(0, 40) + "...";
    }
}
