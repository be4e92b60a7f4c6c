package io.minnow.agent.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minnow.agent.inference.ModelService;
import io.minnow.agent.lifecycle.Service;
import io.minnow.agent.logs.LogRing;
import io.minnow.agent.metrics.AgentMetrics;
import io.minnow.agent.mqtt.MqttConnection;
import io.minnow.agent.ota.OtaService;
import io.minnow.agent.schedule.InferenceScheduler;
import io.minnow.agent.tls.PemFiles;
import io.minnow.agent.web.api.BearerGate;
import io.minnow.agent.web.api.CompletionsHandler;
import io.minnow.agent.web.api.ModelsHandler;
import io.minnow.agent.web.api.OpenAiError;
import io.minnow.agent.web.auth.Gate;
import io.minnow.agent.web.auth.LoginHandler;
import io.minnow.agent.web.auth.LoginThrottle;
import io.minnow.agent.web.auth.LogoutHandler;
import io.minnow.agent.web.auth.PasswordChangeHandler;
import io.minnow.agent.web.auth.PasswordStore;
import io.minnow.agent.web.auth.SessionInfoHandler;
import io.minnow.agent.web.auth.Sessions;
import io.minnow.agent.web.auth.WebAuth;
import io.minnow.agent.web.generate.Generations;
import io.minnow.agent.web.http.Json;
import io.minnow.agent.web.page.ChatHandler;
import io.minnow.agent.web.page.ChatStopHandler;
import io.minnow.agent.web.page.Dashboard;
import io.minnow.agent.web.page.DashboardEventsHandler;
import io.minnow.agent.web.page.LogDownloadHandler;
import io.minnow.agent.web.page.ModelHandler;
import io.minnow.agent.web.page.MqttRestartHandler;
import io.minnow.agent.web.page.RollbackHandler;
import io.minnow.agent.web.page.SelfTestHandler;
import io.minnow.agent.web.page.UploadHandler;
import io.minnow.config.DeviceConfig;
import io.minnow.config.SchedulerConfig;
import io.minnow.config.WebConfig;
import io.minnow.config.WebConfig.PublicPage;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The technicians' page and the HTTP API on Eclipse Jetty 12 core handlers, in the agent's process: security
 * headers, HTTP meters and the body limit wrap a router whose routes each pass an access gate (session, API
 * token or public) before one small handler. Generations go into the agent's scheduler; Jetty's own small
 * thread pool only parses, queues and writes. Routes and their access are listed in docs/web.md.
 * Thread-safe.
 */
public final class WebServer implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final int HEADER_BYTES = 8 * 1024;

    /**
     * How often the dashboard pushes a snapshot and how wide one point of its one-hour history is, in
     * milliseconds.
     */
    public record Intervals(long dashboardMs, long historyMs) {
        public static final Intervals DEFAULT = new Intervals(2_000, 10_000);
    }

    /** The rest of the agent, as the web layer uses it. */
    public record Parts(String deviceId, Generations generations, MeterRegistry registry,
            java.util.function.IntSupplier queueDepth, int queueCapacity, long deadlineMs, String brokerUrl,
            java.util.function.BooleanSupplier brokerConnected, Runnable restartBroker, java.nio.file.Path modelStore,
            Optional<OtaService> ota) {}

    private final WebConfig config;
    private final Parts parts;
    private final PasswordStore passwords;
    private final Dashboard dashboard;
    private final Server server;
    private final ServerConnector connector;

    public WebServer(WebConfig config, Parts parts) throws GeneralSecurityException, IOException {
        this(config, parts, Intervals.DEFAULT);
    }

    WebServer(WebConfig config, Parts parts, Intervals intervals) throws GeneralSecurityException, IOException {
        this.config = config;
        this.parts = parts;
        SecureRandom random = new SecureRandom();
        this.passwords = new PasswordStore(config.stateDir(), config.passwordHash(), random);
        WebAuth auth = new WebAuth(config, passwords, new Sessions(config.sessionIdleMinutes(),
                config.sessionMaxMinutes(), System::nanoTime, random), new LoginThrottle(System::nanoTime));
        this.dashboard = new Dashboard(new Dashboard.Sources(parts.deviceId(), parts.generations(), parts.registry(),
                parts.queueDepth(), parts.queueCapacity(), parts.brokerUrl(), parts.brokerConnected(),
                parts.modelStore(), parts.ota()), intervals.dashboardMs(), intervals.historyMs(), Clock.systemUTC());
        QueuedThreadPool threads = new QueuedThreadPool(24, 2);
        threads.setName("minnow-web");
        this.server = new Server(threads);
        this.connector = connector(server, config, parts.deadlineMs());
        server.addConnector(connector);
        server.setErrorHandler(new JsonErrorHandler());
        // The largest body any route takes (a model upload); JSON routes hold theirs to max_body_bytes (Bodies).
        SizeLimitHandler limit = new SizeLimitHandler(Math.max(config.maxBodyBytes(), config.maxUploadBytes()), -1);
        // PathMappingsHandler's requests need a context (Jetty 12.1 fails on getPathInContext without one), and
        // under a mapping that path is relative to it: handlers read getHttpURI().getDecodedPath() instead.
        ContextHandler root = new ContextHandler("/");
        root.setHandler(routes(auth));
        limit.setHandler(root);
        server.setHandler(new SecurityHeaders(config.tls().isPresent(), new HttpMetrics(parts.registry(), limit)));
    }

    /**
     * The web server for an agent's parts, or empty when {@code web.enabled} is false. Generations queue in
     * {@code scheduler}; the dashboard reads {@code registry}; the page's restart button restarts {@code link}.
     */
    public static Optional<WebServer> forAgent(DeviceConfig config, ModelService model, InferenceScheduler scheduler,
            AgentMetrics metrics, MeterRegistry registry, String brokerUrl, MqttConnection link, Optional<OtaService> ota)
            throws GeneralSecurityException, IOException {
        if (!config.web().enabled()) {
            return Optional.empty();
        }
        SchedulerConfig s = config.scheduler();
        return Optional.of(new WebServer(config.web(), new Parts(config.deviceId(),
                new Generations(model, scheduler, s, metrics, System::nanoTime), registry, scheduler::queueDepth,
                s.queueSize(), s.defaultDeadlineMs(), brokerUrl, link::isConnected, link::restart,
                ota.map(o -> o.store().directory()).or(() -> config.model().path().map(p -> p.toAbsolutePath().getParent()))
                        .orElse(config.web().stateDir()), ota)));
    }

    private Handler routes(WebAuth auth) {
        int body = config.maxBodyBytes();
        Generations g = parts.generations();
        PathMappingsHandler r = new PathMappingsHandler();
        HealthHandler health = new HealthHandler(g, parts.brokerConnected());
        r.addMapping(PathSpec.from("/healthz"), new Gate(auth, Optional.of(PublicPage.HEALTH), true, true, health));
        r.addMapping(PathSpec.from("/readyz"), new Gate(auth, Optional.of(PublicPage.HEALTH), true, true, health));
        r.addMapping(PathSpec.from("/metrics"), new Gate(auth, Optional.of(PublicPage.METRICS), true, true,
                parts.registry() instanceof PrometheusMeterRegistry p ? new MetricsHandler(p)
                        : notFound("metrics need a Prometheus meter registry")));

        Clock wall = Clock.systemUTC();
        ModelsHandler models = new ModelsHandler(g, wall.millis() / 1000);
        r.addMapping(PathSpec.from("/v1/completions"), new BearerGate(auth, new CompletionsHandler(false, g, body, wall)));
        r.addMapping(PathSpec.from("/v1/chat/completions"), new BearerGate(auth,
                new CompletionsHandler(true, g, body, wall)));
        r.addMapping(PathSpec.from("/v1/models"), new BearerGate(auth, models));
        r.addMapping(PathSpec.from("/v1/models/*"), new BearerGate(auth, models));
        r.addMapping(PathSpec.from("/v1/*"), new BearerGate(auth, new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                new OpenAiError(404, "invalid_request_error", "unknown_url", null, "Unknown request URL: "
                        + request.getMethod() + " " + request.getHttpURI().getDecodedPath()).send(response, callback, 0);
                return true;
            }
        }));

        r.addMapping(PathSpec.from("/api/session"), new SessionInfoHandler(auth));
        r.addMapping(PathSpec.from("/api/login"), new LoginHandler(auth, body));
        r.addMapping(PathSpec.from("/api/logout"), new Gate(auth, Optional.empty(), false, true, new LogoutHandler(auth)));
        r.addMapping(PathSpec.from("/api/password"), new Gate(auth, Optional.empty(), false, true,
                new PasswordChangeHandler(auth, body)));
        r.addMapping(PathSpec.from("/api/events"), new Gate(auth, Optional.of(PublicPage.DASHBOARD), false, false,
                new DashboardEventsHandler(dashboard)));
        r.addMapping(PathSpec.from("/api/model"), new Gate(auth, Optional.of(PublicPage.DASHBOARD), false, false,
                new ModelHandler(g)));
        ChatHandler chat = new ChatHandler(g, body);
        r.addMapping(PathSpec.from("/api/chat"), new Gate(auth, Optional.empty(), false, false, chat));
        r.addMapping(PathSpec.from("/api/chat/stop"), new Gate(auth, Optional.empty(), false, false,
                new ChatStopHandler(chat)));
        r.addMapping(PathSpec.from("/api/log"), new Gate(auth, Optional.empty(), false, false,
                new LogDownloadHandler(LogRing.installed(), parts.deviceId())));
        r.addMapping(PathSpec.from("/api/mqtt/restart"), new Gate(auth, Optional.empty(), false, false,
                new MqttRestartHandler(parts.restartBroker())));
        r.addMapping(PathSpec.from("/api/selftest"), new Gate(auth, Optional.empty(), false, false,
                new SelfTestHandler(g)));
        r.addMapping(PathSpec.from("/api/rollback"), new Gate(auth, Optional.empty(), false, false,
                new RollbackHandler(parts.ota())));
        r.addMapping(PathSpec.from("/api/update"), new Gate(auth, Optional.empty(), false, false,
                new UploadHandler(parts.ota(), config.stateDir().resolve("uploads"), config.maxUploadBytes())));
        r.addMapping(PathSpec.from("/api/*"), notFound("no such API route"));
        r.addMapping(PathSpec.from("/"), new StaticFiles());
        return r;
    }

    private static Handler notFound(String message) {
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Json.error(response, callback, HttpStatus.NOT_FOUND_404, message + ": " + request.getHttpURI().getDecodedPath());
                return true;
            }
        };
    }

    private static ServerConnector connector(Server server, WebConfig config, long deadlineMs)
            throws GeneralSecurityException, IOException {
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(HEADER_BYTES);
        http.setResponseHeaderSize(HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector c;
        if (config.tls().isPresent()) {
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // boards are reached by IP address as often as by name
            http.addCustomizer(secure);
            c = new ServerConnector(server, 1, 1, new SslConnectionFactory(sslContext(config.tls().get()), "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            c = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        }
        c.setHost(config.bindAddress());
        c.setPort(config.port());
        // A streamed answer may wait in the queue up to its deadline before its first byte.
        c.setIdleTimeout(Math.max(60_000, deadlineMs + 15_000));
        return c;
    }

    private static SslContextFactory.Server sslContext(WebConfig.WebTls tls)
            throws GeneralSecurityException, IOException {
        char[] pass = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("web", PemFiles.privateKey(tls.keyFile()), pass,
                PemFiles.certificates(tls.certFile()).toArray(Certificate[]::new));
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keys);
        ssl.setKeyStorePassword("");
        return ssl;
    }

    @Override
    public String name() {
        return "web (" + config.bindAddress() + ":" + config.port() + ")";
    }

    @Override
    public void start() throws Exception {
        passwords.init();
        dashboard.start();
        server.start();
        LOG.info("web page and HTTP API on {}://{}:{}/", config.tls().isPresent() ? "https" : "http",
                config.bindAddress(), connector.getLocalPort());
    }

    /** The port listened on (the chosen one when configured as 0); -1 before start. */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void stop() {
        dashboard.stop();
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("the web server did not stop cleanly: {}", e.toString());
        }
    }
}
