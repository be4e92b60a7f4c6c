package io.minnow.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates the YAML device configuration. Every setting has a default, so an empty file (or
 * {@link #defaults()}) is the embedded quickstart: embedded broker, embedded model. Stateless and
 * thread-safe.
 */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ID_PATTERN = "[A-Za-z0-9_-]{1,64}";
    private static final String ID_EXPECTED = "1 to 64 letters, digits, '-' or '_'";
    private static final String PREFIX_PATTERN = "[^/#+\\s]+(/[^/#+\\s]+)*";

    private ConfigLoader() {}

    /** The configuration an empty file gives. */
    public static DeviceConfig defaults() {
        try {
            return parse("", "defaults");
        } catch (ConfigException e) {
            throw new IllegalStateException("built-in defaults are invalid", e);
        }
    }

    /** Reads {@code file}. */
    public static DeviceConfig load(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("the file does not exist; expected a YAML file"));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot be read: " + e.getMessage()));
        }
        return parse(text, file.toString());
    }

    /**
     * Parses YAML {@code text}; {@code source} names it in error messages.
     *
     * @throws ConfigException listing every bad setting
     */
    public static DeviceConfig parse(String text, String source) throws ConfigException {
        JsonNode root;
        try {
            root = text.isBlank() ? MissingNode.getInstance() : YAML.readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException(source, List.of("is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())));
        }
        if (root == null || root.isNull()) {
            root = MissingNode.getInstance();
        }
        List<String> problems = new ArrayList<>();
        if (!root.isMissingNode() && !root.isObject()) {
            throw new ConfigException(source, List.of("top level is " + root.getNodeType()
                    + "; expected a mapping of settings (device_id, mqtt, model, scheduler, web)"));
        }
        Section top = Section.root(root, problems);
        String deviceId = top.string("device_id", "minnow-1", ID_PATTERN, ID_EXPECTED);
        MqttConfig mqtt = mqtt(top.section("mqtt"), deviceId);
        ModelConfig model = model(top.section("model"));
        SchedulerConfig scheduler = scheduler(top.section("scheduler"));
        OtaConfig ota = OtaConfig.read(top.section("ota"));
        WebConfig web = WebSection.read(top.section("web"));
        top.rejectUnknown();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems);
        }
        return new DeviceConfig(deviceId, mqtt, model, scheduler, ota, web);
    }

    private static MqttConfig mqtt(Section s, String deviceId) {
        Optional<URI> url = s.uri("broker_url", Set.of("tcp", "ssl"));
        boolean explicitVersion = s.has("version");
        MqttVersion version = s.choice("version", url.isPresent() ? MqttVersion.V5 : MqttVersion.V3_1_1,
                MqttVersion::text, MqttVersion.class);
        if (url.isEmpty() && explicitVersion && version == MqttVersion.V5) {
            s.problem("version", "5", "3.1.1 when mqtt.broker_url is not set (the embedded broker speaks MQTT "
                    + "3.1.1 only); set mqtt.broker_url to use MQTT 5");
        }
        String prefix = s.string("topic_prefix", "minnow", PREFIX_PATTERN,
                "topic levels without '+', '#', spaces or empty levels, like minnow or plant4/minnow");
        String clientId = s.string("client_id", "minnow-agent-" + deviceId, "[A-Za-z0-9_.-]{1,64}",
                "1 to 64 letters, digits, '.', '-' or '_'");
        Optional<String> user = s.optionalString("username");
        Optional<String> password = s.optionalString("password");
        if (password.isPresent() && user.isEmpty()) {
            s.problem("password", "(set)", "mqtt.username to be set too");
        }
        Optional<Credentials> credentials = user.map(u -> new Credentials(u, password.orElse("")));
        Optional<TlsConfig> tls = tls(s.section("tls"));
        if (tls.isPresent() && url.isPresent() && !"ssl".equalsIgnoreCase(url.get().getScheme())) {
            s.problem("broker_url", "\"" + url.get() + "\"", "an ssl:// URL when mqtt.tls is set");
        }
        if (tls.isPresent() && url.isEmpty()) {
            s.problem("tls", "(set)", "mqtt.broker_url to be set: the embedded broker has no TLS");
        }
        int keepAlive = (int) s.integer("keep_alive_s", 30, 5, 3600);
        long expiry = s.integer("session_expiry_s", 86_400, 0, 4_294_967_295L);
        int maxPayload = (int) s.integer("max_payload_bytes", 65_536, 256, 16_777_216);
        int port = (int) s.integer("embedded_port", 1883, 1, 65_535);
        s.rejectUnknown();
        return new MqttConfig(url, version, prefix, clientId, credentials, tls, keepAlive, expiry, maxPayload, port);
    }

    private static Optional<TlsConfig> tls(Section s) {
        Optional<Path> ca = s.readableFile("ca_file");
        Optional<Path> cert = s.readableFile("cert_file");
        Optional<Path> key = s.readableFile("key_file");
        boolean any = s.has("ca_file") || s.has("cert_file") || s.has("key_file");
        if (any && !s.has("ca_file")) {
            s.problem("ca_file", "(missing)", "the PEM file of the CA that signed the broker's certificate");
        }
        if (s.has("cert_file") != s.has("key_file")) {
            s.problem(s.has("cert_file") ? "key_file" : "cert_file", "(missing)",
                    "cert_file and key_file together (client certificate and its private key)");
        }
        s.rejectUnknown();
        if (ca.isEmpty() || cert.isPresent() != key.isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new TlsConfig(ca.get(), cert, key));
    }

    private static ModelConfig model(Section s) {
        Optional<Path> path = s.readableFile("path");
        ModelBackend backend = s.choice("backend", ModelBackend.AUTO, b -> b.name().toLowerCase(java.util.Locale.ROOT),
                ModelBackend.class);
        int threads = (int) s.integer("threads", Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 1, 64);
        s.rejectUnknown();
        return new ModelConfig(path, backend, threads);
    }

    private static SchedulerConfig scheduler(Section s) {
        int workers = (int) s.integer("workers", 1, 1, 64);
        int queue = (int) s.integer("queue_size", 64, 1, 100_000);
        int perClient = (int) s.integer("max_queued_per_client", Math.max(1, queue / 4), 1, 100_000);
        long deadline = s.integer("default_deadline_ms", 30_000, 1, 3_600_000);
        int board = (int) s.integer("board_priority", 1, 0, 9);
        int pool = (int) s.integer("pool_priority", 0, 0, 9);
        long drain = s.integer("drain_timeout_ms", 10_000, 0, 600_000);
        s.rejectUnknown();
        return new SchedulerConfig(workers, queue, Math.min(perClient, queue), deadline, board, pool, drain);
    }
}
