package io.minnow.agent.web.page;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.agent.web.http.Json;
import io.minnow.runtime.bundle.BundleGenerator;
import io.minnow.runtime.bundle.PromptTemplate;
import io.minnow.runtime.generate.Generator;
import io.minnow.runtime.generate.ModelInfo;
import io.minnow.runtime.generate.SamplingOptions;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the page shows of a loaded model and builds its forms from: name, version, backend, each template
 * with its fields in the order they appear, whether it chats, and the sampling defaults. Stateless.
 */
final class ModelDetails {
    private ModelDetails() {}

    static ObjectNode of(Generator g) {
        ModelInfo m = g.model();
        ObjectNode out = Json.object().put("name", m.name()).put("version", m.version())
                .put("context_length", m.contextLength());
        var templates = out.putArray("templates");
        if (g instanceof BundleGenerator b) {
            out.put("backend", b.backend().name().toLowerCase(java.util.Locale.ROOT));
            out.put("chat", b.manifest().chatTemplate() != null);
            out.put("self_test", b.manifest().selfTest() != null);
            for (Map.Entry<String, String> t : b.manifest().templates().entrySet()) {
                ObjectNode entry = templates.addObject().put("name", t.getKey()).put("text", t.getValue());
                var fields = entry.putArray("fields");
                fieldsInOrder(t.getKey(), t.getValue()).forEach(fields::add);
            }
        } else {
            out.put("backend", g.getClass().getSimpleName());
            out.put("chat", true);
            out.put("self_test", false);
            m.templates().forEach(name -> templates.addObject().put("name", name).putArray("fields"));
        }
        SamplingOptions d = m.defaults();
        out.putObject("defaults").put("max_tokens", Math.min(d.maxTokens(), Math.max(1, m.contextLength())))
                .put("temperature", d.temperature()).put("top_k", d.topK()).put("top_p", d.topP())
                .put("min_p", d.minP()).put("repeat_penalty", d.repeatPenalty());
        return out;
    }

    /** Placeholders as they appear in the text (a form reads best in the template's own order). */
    static java.util.List<String> fieldsInOrder(String name, String text) {
        var names = new TreeSet<>(PromptTemplate.parse("templates." + name, name, text).placeholders());
        var ordered = new ArrayList<String>();
        int at = 0;
        while ((at = text.indexOf("{{", at)) >= 0) {
            int close = text.indexOf("}}", at);
            String slot = text.substring(at + 2, close).strip();
            if (names.remove(slot)) {
                ordered.add(slot);
            }
            at = close + 2;
        }
        return ordered;
    }
}
