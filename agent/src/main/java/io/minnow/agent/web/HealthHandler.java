package io.minnow.agent.web;

import io.minnow.agent.web.generate.Generations;
import io.minnow.agent.web.http.Json;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /healthz}: 200 while the process serves HTTP (liveness). {@code GET /readyz}: 200 when a model is
 * loaded and the broker is linked, else 503 saying which is missing. Thread-safe.
 */
final class HealthHandler extends Handler.Abstract {
    private final Generations generations;
    private final BooleanSupplier brokerConnected;

    HealthHandler(Generations generations, BooleanSupplier brokerConnected) {
        this.generations = generations;
        this.brokerConnected = brokerConnected;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (request.getHttpURI().getDecodedPath().equals("/healthz")) {
            Json.send(response, callback, 200, Json.object().put("status", "ok"));
            return true;
        }
        boolean model = generations.generator().isPresent();
        boolean broker = brokerConnected.getAsBoolean();
        var body = Json.object().put("status", model && broker ? "ready" : "not ready").put("model", model)
                .put("broker", broker);
        if (!model) {
            body.put("reason", generations.unavailableReason());
        } else if (!broker) {
            body.put("reason", "the MQTT broker is not linked");
        }
        Json.send(response, callback, model && broker ? 200 : 503, body);
        return true;
    }
}
