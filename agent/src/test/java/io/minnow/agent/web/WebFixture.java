package io.minnow.agent.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minnow.agent.inference.ModelService;
import io.minnow.agent.metrics.AgentMetrics;
import io.minnow.agent.schedule.InferenceScheduler;
import io.minnow.agent.web.auth.PasswordStore;
import io.minnow.agent.web.generate.Generations;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import io.minnow.runtime.generate.Generator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real {@link WebServer} on an ephemeral port over a real scheduler and model service (the model is the
 * test's choice: a {@link io.minnow.agent.testing.FakeGenerator} or a real bundle), with a JDK HttpClient
 * that speaks to it. No MQTT: the broker link is a switch the test flips.
 */
final class WebFixture implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    final Path stateDir;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final AtomicBoolean brokerUp = new AtomicBoolean(true);
    final AtomicInteger brokerRestarts = new AtomicInteger();
    final ModelService model;
    final InferenceScheduler scheduler;
    final WebServer web;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;

    /** @param scheduler settings inside {@code scheduler: {...}}; @param webSettings more inside {@code web: {...}} */
    WebFixture(Path dir, Callable<Generator> generator, String scheduler, String webSettings) throws Exception {
        this(dir, generator, scheduler, webSettings, WebServer.Intervals.DEFAULT);
    }

    WebFixture(Path dir, Callable<Generator> generator, String scheduler, String webSettings,
            WebServer.Intervals intervals) throws Exception {
        stateDir = dir.resolve("state");
        DeviceConfig c = ConfigLoader.parse("""
                device_id: web-test
                scheduler: {%s}
                web: {port: 0, state_dir: "%s", api_tokens: [%s]%s}
                """.formatted(scheduler, stateDir, TOKEN, webSettings.isEmpty() ? "" : ", " + webSettings), "web test");
        var s = c.scheduler();
        model = new ModelService("test model", generator);
        model.start();
        this.scheduler = new InferenceScheduler(s.workers(), s.queueSize(), s.maxQueuedPerClient(), s.drainTimeoutMs(), 5_000,
                System::nanoTime);
        this.scheduler.start();
        AgentMetrics metrics = new AgentMetrics(registry);
        metrics.gauges(this.scheduler::queueDepth, () -> 0);
        web = new WebServer(c.web(), new WebServer.Parts("web-test",
                new Generations(model, this.scheduler, s, metrics, System::nanoTime), registry,
                this.scheduler::queueDepth, s.queueSize(), s.defaultDeadlineMs(), "tcp://127.0.0.1:1883 (test)",
                brokerUp::get, brokerRestarts::incrementAndGet, dir, java.util.Optional.empty()), intervals);
        web.start();
        base = (c.web().tls().isPresent() ? "https" : "http") + "://127.0.0.1:" + web.port();
    }

    String oneTimePassword() throws Exception {
        return Files.readString(stateDir.resolve(PasswordStore.INITIAL_FILE)).strip();
    }

    HttpRequest.Builder request(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return http.send(request(path, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json, String... headers) throws Exception {
        return http.send(request(path, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** A logged-in browser: its cookie header and CSRF token. */
    record Login(String cookie, String csrf) {
        String[] headers(String... more) {
            String[] all = new String[4 + more.length];
            all[0] = "Cookie";
            all[1] = cookie;
            all[2] = "X-CSRF-Token";
            all[3] = csrf;
            System.arraycopy(more, 0, all, 4, more.length);
            return all;
        }
    }

    Login login(String password) throws Exception {
        HttpResponse<String> r = post("/api/login", JSON.writeValueAsString(java.util.Map.of("password", password)));
        if (r.statusCode() != 200) {
            throw new AssertionError("login answered " + r.statusCode() + ": " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new Login(setCookie.substring(0, setCookie.indexOf(';')), json(r).get("csrf").asText());
    }

    /** Logs in with the one-time password and changes it to {@code password}. */
    Login firstLogin(String password) throws Exception {
        Login first = login(oneTimePassword());
        HttpResponse<String> r = post("/api/password", JSON.writeValueAsString(java.util.Map.of("current",
                oneTimePassword(), "new", password)), first.headers());
        if (r.statusCode() != 200) {
            throw new AssertionError("password change answered " + r.statusCode() + ": " + r.body());
        }
        return first;
    }

    static List<String> dataLines(String sse) {
        return sse.lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
    }

    double counter(String outcome) {
        var c = registry.find("minnow.requests").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Override
    public void close() {
        web.stop();
        scheduler.stop();
        model.stop();
    }
}
