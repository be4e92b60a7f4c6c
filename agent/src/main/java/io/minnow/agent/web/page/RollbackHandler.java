package io.minnow.agent.web.page;

import io.minnow.agent.ota.OtaService;
import io.minnow.agent.web.http.Json;
import io.minnow.agent.web.http.OnceCallback;
import io.minnow.ota.store.Attempt;
import java.io.IOException;
import java.util.Optional;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/rollback}: asks the OTA updater to roll back to the previous model, exactly as
 * {@code minnow rollback} does (same {@link io.minnow.ota.activation.Updater#rollback}, on the OTA thread),
 * and answers the attempt. 409 when the agent runs without a model store. Thread-safe.
 */
public final class RollbackHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(RollbackHandler.class);
    private final Optional<OtaService> ota;

    public RollbackHandler(Optional<OtaService> ota) {
        this.ota = ota;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        OnceCallback done = new OnceCallback(callback);
        if (!HttpMethod.POST.is(request.getMethod())) {
            Json.error(response, done, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST");
            return true;
        }
        if (ota.isEmpty() || ota.get().updater() == null) {
            Json.error(response, done, HttpStatus.CONFLICT_409, "this agent runs without a model store; there is"
                    + " nothing to roll back to");
            return true;
        }
        OtaService o = ota.get();
        LOG.info("rollback asked for from the web page ({})", Request.getRemoteAddr(request));
        o.submit(() -> {
            try {
                Attempt a = o.updater().rollback(o.store().newId());
                Json.send(response, done, a.outcome() == Attempt.Outcome.REJECTED ? HttpStatus.CONFLICT_409
                        : HttpStatus.OK_200, UpdateHistory.attempt(a));
            } catch (IOException | RuntimeException e) {
                LOG.error("the rollback from the web page failed", e);
                Json.error(response, done, HttpStatus.INTERNAL_SERVER_ERROR_500, "the rollback failed: " + e.getMessage());
            }
        });
        return true;
    }
}
