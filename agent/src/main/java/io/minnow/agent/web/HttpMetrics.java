package io.minnow.agent.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Times every HTTP exchange into {@code minnow.http.requests} tagged by route group ({@code api},
 * {@code page}, {@code static}, {@code health}, {@code metrics}) and status; a streamed answer counts until
 * its last byte. Thread-safe.
 */
final class HttpMetrics extends Handler.Wrapper {
    private final MeterRegistry registry;

    HttpMetrics(MeterRegistry registry, Handler next) {
        super(next);
        this.registry = registry;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        String route = route(request.getHttpURI().getDecodedPath());
        Request.addCompletionListener(request, failure -> Timer.builder("minnow.http.requests")
                .description("HTTP exchanges by route group and status").tag("route", route)
                .tag("status", Integer.toString(response.getStatus())).register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS));
        return super.handle(request, response, callback);
    }

    static String route(String path) {
        if (path.startsWith("/v1/")) {
            return "api";
        }
        if (path.startsWith("/api/")) {
            return "page";
        }
        if (path.equals("/healthz") || path.equals("/readyz")) {
            return "health";
        }
        if (path.equals("/metrics")) {
            return "metrics";
        }
        return "static";
    }
}
