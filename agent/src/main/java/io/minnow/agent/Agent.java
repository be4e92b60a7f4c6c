package io.minnow.agent;

import io.micrometer.core.instrument.MeterRegistry;
import io.minnow.agent.delivery.OfferService;
import io.minnow.agent.gpio.AgentState;
import io.minnow.agent.gpio.GpioService;
import io.minnow.agent.gpio.LocalButtonActions;
import io.minnow.agent.health.BoardHealth;
import io.minnow.agent.health.HealthMonitor;
import io.minnow.agent.inference.ModelService;
import io.minnow.agent.inference.RequestService;
import io.minnow.agent.lifecycle.Lifecycle;
import io.minnow.agent.lifecycle.LifecycleException;
import io.minnow.agent.lifecycle.Service;
import io.minnow.agent.metrics.AgentMetrics;
import io.minnow.agent.mqtt.Backoff;
import io.minnow.agent.mqtt.ConnectSettings;
import io.minnow.agent.mqtt.EmbeddedBroker;
import io.minnow.agent.mqtt.Mqtt3Transport;
import io.minnow.agent.mqtt.Mqtt5Transport;
import io.minnow.agent.mqtt.MqttConnection;
import io.minnow.agent.mqtt.MqttLinkException;
import io.minnow.agent.mqtt.MqttTransport;
import io.minnow.agent.mqtt.OutboundQueue;
import io.minnow.agent.mqtt.StatusReporter;
import io.minnow.agent.mqtt.TlsSocketFactories;
import io.minnow.agent.mqtt.Topics;
import io.minnow.agent.ota.ActiveModelSelfTest;
import io.minnow.agent.ota.OtaService;
import io.minnow.agent.ota.StoreModelOpener;
import io.minnow.agent.ota.UpdateStatus;
import io.minnow.agent.protocol.Replies;
import io.minnow.agent.protocol.RequestParser;
import io.minnow.agent.schedule.InferenceScheduler;
import io.minnow.agent.web.WebServer;
import io.minnow.config.DeviceConfig;
import io.minnow.config.MqttVersion;
import io.minnow.ota.store.ModelStore;
import io.minnow.runtime.generate.Generator;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLSocketFactory;

/**
 * The daemon: wires configuration, model, broker link, scheduler and request handling into one
 * {@link Lifecycle}. Start order: status LED and button (so the LED shows the start and the drain), embedded
 * broker (if any), model, board health, MQTT link, outbound queue, scheduler, request subscriptions, the OTA
 * service when there is a model store (installs, health windows, rollbacks; {@link OtaService}: after the
 * subscriptions, so the status names the active release), status (so {@code online} is only said once requests
 * are heard), then the web page and HTTP API (which queue into the same scheduler). Stop runs in reverse: the
 * web server closes (its running generations are cancelled as their clients vanish), {@code offline} is
 * announced, updates stop, new requests are refused, queued work drains, the last replies are flushed, and only
 * then the link closes. Thread-safe.
 */
public final class Agent {
    private static final int OUTBOUND_WINDOW = 16;
    private static final long STATUS_PERIOD_MS = 1_000;
    /** After the drain, how long cancelled generations may take to stop (one decode step is milliseconds). */
    private static final long CANCEL_GRACE_MS = 5_000;

    private final Lifecycle lifecycle;
    private final AgentMetrics metrics;
    private final Topics topics;
    private final String brokerUrl;
    private final Optional<OtaService> updates;
    private final Optional<WebServer> web;

    private final GpioService gpio;
    private final LocalButtonActions button;
    private final HealthMonitor health;

    private Agent(Lifecycle lifecycle, AgentMetrics metrics, Topics topics, String brokerUrl,
            Optional<OtaService> updates, Optional<WebServer> web, GpioService gpio, LocalButtonActions button,
            HealthMonitor health) {
        this.lifecycle = lifecycle;
        this.updates = updates;
        this.web = web;
        this.metrics = metrics;
        this.topics = topics;
        this.brokerUrl = brokerUrl;
        this.gpio = gpio;
        this.button = button;
        this.health = health;
    }

    /**
     * Builds an agent; nothing runs until {@link #start}.
     *
     * @param modelSource where the model comes from, for messages
     * @param modelOpener opens the model; if it fails the agent runs and answers {@code model_unavailable}
     * @throws GeneralSecurityException if the TLS files cannot be used
     */
    public static Agent create(DeviceConfig config, String modelSource, Callable<Generator> modelOpener,
            MeterRegistry registry) throws GeneralSecurityException, IOException, MqttLinkException {
        return create(config, modelSource, modelOpener, Optional.empty(), registry);
    }

    /**
     * Builds an agent that serves the model store's active release and takes updates into that store
     * (docs/ota.md); the agent owns the store from now on and closes it when it stops.
     */
    public static Agent create(DeviceConfig config, ModelStore store, MeterRegistry registry)
            throws GeneralSecurityException, IOException, MqttLinkException {
        return create(config, "the model store in " + store.directory(),
                new StoreModelOpener(store, config.model(), config.scheduler().workers()), Optional.of(store), registry);
    }

    private static Agent create(DeviceConfig config, String modelSource, Callable<Generator> modelOpener,
            Optional<ModelStore> store, MeterRegistry registry) throws GeneralSecurityException, IOException,
            MqttLinkException {
        List<Service> services = new ArrayList<>();
        String url;
        if (config.mqtt().embedded()) {
            EmbeddedBroker broker = new EmbeddedBroker(config.mqtt().embeddedPort());
            services.add(broker);
            url = broker.url();
        } else {
            url = config.mqtt().brokerUrl().orElseThrow().toString();
        }
        Optional<SSLSocketFactory> tls = config.mqtt().tls().isPresent()
                ? Optional.of(TlsSocketFactories.create(config.mqtt().tls().get())) : Optional.empty();
        Topics topics = Topics.of(config);
        AgentMetrics metrics = new AgentMetrics(registry);
        ModelService model = new ModelService(modelSource, modelOpener);
        var s = config.scheduler();
        InferenceScheduler scheduler = new InferenceScheduler(s.workers(), s.queueSize(), s.maxQueuedPerClient(),
                s.drainTimeoutMs(), CANCEL_GRACE_MS, System::nanoTime);
        String version = config.mqtt().version().text();
        HealthMonitor health = HealthMonitor.forBoard(config.health(),
                store.map(ModelStore::directory).orElseGet(() -> modelsDir(config)), registry);
        byte[] offline = Replies.status(config.deviceId(), config.group(), "offline", Optional.empty(),
                "the agent is offline", 0, s.queueSize(), version, BoardHealth.NONE);
        ConnectSettings connect = new ConnectSettings(url, config.mqtt(), tls, topics.status(), offline);
        MqttTransport transport = config.mqtt().version() == MqttVersion.V5
                ? new Mqtt5Transport(connect) : new Mqtt3Transport(connect);
        OutboundQueue outbound = new OutboundQueue(transport, OUTBOUND_WINDOW);
        RequestService[] requests = new RequestService[1];
        OfferService[] offers = new OfferService[1];
        MqttConnection connection = new MqttConnection(transport, url + " (MQTT " + version + ")",
                new Backoff(500, 30_000, () -> ThreadLocalRandom.current().nextDouble()),
                m -> OfferService.route(m, offers[0], requests[0]::onMessage));
        connection.onConnected(outbound::pump);
        RequestParser parser = new RequestParser(config.mqtt().maxPayloadBytes(), s.defaultDeadlineMs(), model::info);
        requests[0] = new RequestService(topics, parser, scheduler, model, connection,
                (route, payload, delivered) -> outbound.publish(route.topic(), payload, false, route.correlationData(),
                        delivered),
                metrics, s, System::nanoTime);
        StatusReporter[] status = new StatusReporter[1];
        Optional<OtaService> ota = store.map(st -> new OtaService(config, st, model, metrics, () -> status[0].refresh()));
        status[0] = new StatusReporter(topics.status(), outbound, connection,
                depth -> withUpdates(Replies.status(config.deviceId(), config.group(), "online", model.info(),
                        model.unavailableReason(), depth, s.queueSize(), version, health.latest()), ota),
                offline, scheduler::queueDepth, STATUS_PERIOD_MS);
        health.onChange(() -> status[0].refresh());
        LocalButtonActions button = new LocalButtonActions(() -> problems(model, connection, health, url, store),
                ota.map(o -> () -> o.rollbackSoon("button")));
        Lifecycle[] lifecycle = new Lifecycle[1];
        // No model is an error only once started: while the model loads (long on a small board) it is not one.
        GpioService gpio = GpioService.forBoard(config.gpio(), AgentState.from(
                () -> ota.isPresent() && ota.get().applying(),
                () -> button.failing() || model.generator().isEmpty()
                        && lifecycle[0].state() == Lifecycle.State.RUNNING,
                connection::isConnected, scheduler::busy), button);
        metrics.gauges(scheduler::queueDepth, outbound::backlog);
        services.add(0, gpio);
        services.addAll(List.of(model, health, connection, outbound, scheduler, requests[0]));
        ota.ifPresent(services::add);
        if (ota.isPresent()) {
            offers[0] = OfferService.forAgent(config, ota.get(), connection, outbound);
            services.add(offers[0]);
        }
        services.add(status[0]);
        Optional<WebServer> web = WebServer.forAgent(config, model, scheduler, metrics, registry, url, connection,
                ota);
        web.ifPresent(services::add);
        lifecycle[0] = new Lifecycle(services);
        return new Agent(lifecycle[0], metrics, topics, url, ota, web, gpio, button, health);
    }

    private static byte[] withUpdates(byte[] status, Optional<OtaService> ota) {
        return ota.isEmpty() ? status : UpdateStatus.addTo(status, ota.get().store().state(), ota.get().lastAttempt());
    }

    /** What the button's self-test reports as wrong now. */
    private static List<String> problems(ModelService model, MqttConnection connection, HealthMonitor health,
            String url, Optional<ModelStore> store) {
        List<String> p = new ArrayList<>();
        if (model.generator().isEmpty()) {
            p.add(model.unavailableReason());
        }
        ActiveModelSelfTest.problem(store.flatMap(ModelStore::activeBundle), model).ifPresent(p::add);
        if (!connection.isConnected()) {
            p.add("the broker " + url + " is not connected");
        }
        health.latest().warnings().forEach(w -> p.add("board health warning " + w.wireName()));
        return p;
    }

    /** Without a model store: the configured bundle's directory, else the working one, for the disk reading. */
    private static Path modelsDir(DeviceConfig config) {
        return config.model().path().map(p -> p.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
    }

    /** Starts every part; on failure the parts already started are stopped again. */
    public void start() throws LifecycleException {
        lifecycle.start();
    }

    /** Drains and stops; returns when everything is stopped. Idempotent. */
    public void stop() {
        lifecycle.stop();
    }

    public Lifecycle.State state() {
        return lifecycle.state();
    }

    public AgentMetrics metrics() {
        return metrics;
    }

    public Topics topics() {
        return topics;
    }

    /** The board's latest health sample (for the web dashboard); all readings absent before the first. */
    public BoardHealth health() {
        return health.latest();
    }

    /** The status LED and button (inactive without configured pins or without GPIO). */
    public GpioService gpio() {
        return gpio;
    }

    /** What the button does; its counters show presses in tests. */
    public LocalButtonActions buttonActions() {
        return button;
    }

    /** Model updates (installs, rollbacks, history), when the agent runs from a model store. */
    public Optional<OtaService> updates() {
        return updates;
    }

    /** The web page and HTTP API, unless {@code web.enabled} is false. */
    public Optional<WebServer> web() {
        return web;
    }

    /** The broker the agent talks to, e.g. {@code tcp://127.0.0.1:1883}. */
    public String brokerUrl() {
        return brokerUrl;
    }
}
