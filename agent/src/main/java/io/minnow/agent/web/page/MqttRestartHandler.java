package io.minnow.agent.web.page;

import io.minnow.agent.web.http.Json;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code POST /api/mqtt/restart}: drops the broker link and connects again; returns at once. Thread-safe. */
public final class MqttRestartHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(MqttRestartHandler.class);
    private final Runnable restart;

    public MqttRestartHandler(Runnable restart) {
        this.restart = restart;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            Json.error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST");
            return true;
        }
        LOG.info("MQTT link restart asked for from the web page ({})", Request.getRemoteAddr(request));
        restart.run();
        Json.send(response, callback, HttpStatus.ACCEPTED_202, Json.object().put("restarting", true));
        return true;
    }
}
