package io.minnow.runtime.bundle;

import static io.minnow.runtime.bundle.InvalidFieldException.require;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * model.json's {@code self_test}: prompts the model must answer exactly (greedy decoding), and how long each
 * answer may take on the board. The OTA updater runs it on a new model before it serves, and the web page's
 * self-test button on the serving one ({@code io.minnow.runtime.selftest.SelfTestRunner}).
 *
 * <pre>{@code
 * "self_test": {"latency_budget_ms": 10000,
 *   "cases": [{"template": "error_code", "values": {"code": "E04"}, "expect": "E04: ..."},
 *             {"prompt": "<|manual|>How often ...<|answer|>", "expect": "...", "max_tokens": 48}]}
 * }</pre>
 *
 * Immutable and thread-safe.
 *
 * @param latencyBudgetMs the longest one case may take, in milliseconds of wall time on the board, 1 to
 *     600000
 * @param cases at least one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SelfTest(long latencyBudgetMs, List<SelfTestCase> cases) {
    /** The most cases one self-test may hold; each costs a generation while a new model waits to serve. */
    public static final int MAX_CASES = 32;

    public SelfTest {
        require(latencyBudgetMs >= 1 && latencyBudgetMs <= 600_000, "self_test.latency_budget_ms",
                "is " + latencyBudgetMs + "; expected 1 to 600000 milliseconds");
        require(cases != null && !cases.isEmpty() && cases.size() <= MAX_CASES, "self_test.cases",
                "must hold 1 to " + MAX_CASES + " cases");
        cases = List.copyOf(cases);
        for (int i = 0; i < cases.size(); i++) {
            require(cases.get(i) != null, "self_test.cases[" + i + "]", "is null; expected a case");
        }
    }

    /** Checks the cases against the model they belong to: templates exist, max_tokens fits the context. */
    void checkAgainst(java.util.Map<String, String> templates, int contextLength) {
        for (int i = 0; i < cases.size(); i++) {
            SelfTestCase c = cases.get(i);
            String field = "self_test.cases[" + i + "]";
            if (c.template() != null) {
                require(templates.containsKey(c.template()), field + ".template", "is \"" + c.template()
                        + "\"; expected one of the templates " + templates.keySet());
            }
            if (c.maxTokens() != null) {
                require(c.maxTokens() <= contextLength, field + ".max_tokens", "is " + c.maxTokens()
                        + "; expected at most context_length (" + contextLength + ")");
            }
        }
    }
}
