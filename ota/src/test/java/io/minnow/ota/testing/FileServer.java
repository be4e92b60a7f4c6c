package io.minnow.ota.testing;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.http.content.ResourceHttpContentFactory;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;

/**
 * A real file server for the delivery tests: Jetty's ResourceHandler over a directory (Range, ETag, If-Range
 * as any static file server does them), on an ephemeral port that stays the same across {@link #stop} and
 * {@link #start}, so a test can kill the server mid-download and bring it back. {@code /hop/N/NAME}
 * redirects N times before reaching NAME. Records each request's Range header.
 */
public final class FileServer implements AutoCloseable {
    private final Path dir;
    private final java.util.Optional<Path> keyStore;
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private Server server;
    private int port;

    public FileServer(Path dir) throws Exception {
        this(dir, java.util.Optional.empty());
    }

    /** Serves HTTPS with the PKCS#12 key store {@code keyStore} (password {@code secret}) when given. */
    public FileServer(Path dir, java.util.Optional<Path> keyStore) throws Exception {
        this.dir = dir;
        this.keyStore = keyStore;
        start();
    }

    public void start() throws Exception {
        server = new Server();
        ServerConnector c;
        if (keyStore.isPresent()) {
            org.eclipse.jetty.util.ssl.SslContextFactory.Server tls = new org.eclipse.jetty.util.ssl.SslContextFactory.Server();
            tls.setKeyStorePath(keyStore.get().toString());
            tls.setKeyStorePassword("secret");
            tls.setKeyStoreType("PKCS12");
            c = new ServerConnector(server, tls);
        } else {
            c = new ServerConnector(server);
        }
        c.setPort(port);
        c.setReuseAddress(true);
        server.addConnector(c);
        ResourceHandler files = new ResourceHandler() {
            // straight from disk like nginx: Jetty's default cache would keep serving a replaced file's old bytes
            @Override
            protected HttpContent.Factory newHttpContentFactory(ByteBufferPool.Sized pool) {
                return new ResourceHttpContentFactory(getBaseResource(), getMimeTypes(), pool);
            }
        };
        files.setBaseResource(ResourceFactory.root().newResource(dir));
        files.setEtags(true);
        files.setAcceptRanges(true);
        server.setHandler(new Handler.Wrapper(files) {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                ranges.add(String.valueOf(request.getHeaders().get("Range")));
                if (path.startsWith("/hop/")) {
                    String[] parts = path.split("/", 4);
                    int n = Integer.parseInt(parts[2]);
                    Response.sendRedirect(request, response, callback, n <= 1 ? "/" + parts[3] : "/hop/" + (n - 1) + "/" + parts[3]);
                    return true;
                }
                return super.handle(request, response, callback);
            }
        });
        server.start();
        port = c.getLocalPort();
    }

    public void stop() throws Exception {
        server.stop();
    }

    public URI uri(String path) {
        return URI.create((keyStore.isPresent() ? "https" : "http") + "://127.0.0.1:" + port + "/" + path);
    }

    /** The Range header of every request so far ("null" when none). */
    public List<String> ranges() {
        return ranges;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
