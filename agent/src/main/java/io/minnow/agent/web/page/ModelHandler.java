package io.minnow.agent.web.page;

import io.minnow.agent.web.generate.Generations;
import io.minnow.agent.web.http.Json;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /api/model}: the loaded model's details for the chat form (503 without a model). Thread-safe. */
public final class ModelHandler extends Handler.Abstract {
    private final Generations generations;

    public ModelHandler(Generations generations) {
        this.generations = generations;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        generations.generator().ifPresentOrElse(
                g -> Json.send(response, callback, HttpStatus.OK_200, ModelDetails.of(g)),
                () -> Json.error(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, generations.unavailableReason()));
        return true;
    }
}
