package io.minnow.agent.web.page;

import io.minnow.agent.web.http.Json;
import io.minnow.agent.web.http.OnceCallback;
import io.minnow.agent.web.http.ResponseStream;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /api/events}: the dashboard as Server-Sent Events ({@code history} once, then {@code snapshot}
 * every couple of seconds and {@code point} per history interval) until the browser closes it. Thread-safe.
 */
public final class DashboardEventsHandler extends Handler.Abstract {
    private final Dashboard dashboard;

    public DashboardEventsHandler(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        OnceCallback done = new OnceCallback(callback);
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        ResponseStream[] holder = new ResponseStream[1];
        holder[0] = new ResponseStream(response, done, () -> dashboard.unsubscribe(holder[0]));
        if (!dashboard.subscribe(holder[0])) {
            Json.error(response, done, HttpStatus.SERVICE_UNAVAILABLE_503, "too many dashboards are open");
            return true;
        }
        request.addFailureListener(failure -> {
            dashboard.unsubscribe(holder[0]);
            done.failed(failure);
        });
        return true;
    }
}
