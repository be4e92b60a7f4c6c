package io.minnow.agent.web;

import io.minnow.agent.web.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The page's files, from the jar: {@code /} is index.html, {@code /static/NAME} one of a fixed list (no
 * path is ever built from the request, so nothing outside the list can be read). Loaded once. Thread-safe.
 */
final class StaticFiles extends Handler.Abstract {
    private static final String BASE = "io/minnow/agent/web/static/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "charts.js", "text/javascript; charset=utf-8",
            "icon.svg", "image/svg+xml");
    private final Map<String, byte[]> content;

    StaticFiles() {
        var loaded = new java.util.HashMap<String, byte[]>();
        for (String name : FILES.keySet()) {
            try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(BASE + name)) {
                if (in == null) {
                    throw new IllegalStateException(BASE + name + " is missing from the jar");
                }
                loaded.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        content = Map.copyOf(loaded);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getDecodedPath();
        String name = path.equals("/") || path.equals("/index.html") ? "index.html"
                : path.startsWith("/static/") ? path.substring("/static/".length()) : null;
        byte[] body = name == null ? null : content.get(name);
        if (body == null) {
            Json.error(response, callback, HttpStatus.NOT_FOUND_404, "no such page: " + path);
            return true;
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, FILES.get(name));
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
