package io.minnow.agent.web.page;

import io.minnow.agent.logs.LogRing;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /api/log}: the recent log lines as a text file download. Thread-safe. */
public final class LogDownloadHandler extends Handler.Abstract {
    private final LogRing ring;
    private final String deviceId;

    /** @param ring null when Logback is not the logging backend; the download then says so */
    public LogDownloadHandler(LogRing ring, String deviceId) {
        this.ring = ring;
        this.deviceId = deviceId;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"minnow-" + deviceId + ".log\"");
        Content.Sink.write(response, true, ring == null ? "(the in-memory log needs Logback as the SLF4J backend)\n"
                : ring.text(), callback);
        return true;
    }
}
