package io.minnow.agent.web.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.agent.web.generate.Generations;
import io.minnow.agent.web.http.Json;
import io.minnow.runtime.generate.ModelInfo;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /v1/models} (a list of the one loaded model, empty without one) and {@code GET /v1/models/{id}}
 * (404 for any other id). Thread-safe.
 */
public final class ModelsHandler extends Handler.Abstract {
    private final Generations generations;
    private final long startedEpochSeconds;

    public ModelsHandler(Generations generations, long startedEpochSeconds) {
        this.generations = generations;
        this.startedEpochSeconds = startedEpochSeconds;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Optional<ModelInfo> model = generations.generator().map(g -> g.model());
        String path = request.getHttpURI().getDecodedPath();
        if (path.startsWith("/v1/models/")) {
            String id = path.substring("/v1/models/".length());
            if (model.isEmpty() || !model.get().name().equals(id)) {
                new OpenAiError(404, "invalid_request_error", "model_not_found", "model",
                        "The model `" + id + "` does not exist").send(response, callback, 0);
                return true;
            }
            Json.send(response, callback, 200, entry(model.get()));
            return true;
        }
        ObjectNode list = Json.object().put("object", "list");
        var data = list.putArray("data");
        model.ifPresent(m -> data.add(entry(m)));
        Json.send(response, callback, 200, list);
        return true;
    }

    private ObjectNode entry(ModelInfo m) {
        return Json.object().put("id", m.name()).put("object", "model").put("created", startedEpochSeconds)
                .put("owned_by", "minnow").put("version", m.version()).put("context_length", m.contextLength());
    }
}
