package io.minnow.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.minnow.config.board.BoardFiles;
import io.minnow.config.board.BoardIdentity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates the YAML device configuration. Every setting has a default, so an empty file (or
 * {@link #defaults()}) is the embedded quickstart: embedded broker, embedded model. {@link #read} also
 * applies {@code MINNOW_*} environment variables and {@code --set} flags (precedence: default &lt; file &lt;
 * env &lt; flag) and says where each value came from. Stateless and thread-safe.
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

    /** Reads {@code file}, without environment variables or flags. */
    public static DeviceConfig load(Path file) throws ConfigException {
        return read(new ConfigSources(Optional.of(file), Map.of(), List.of(), BoardFiles.system())).config();
    }

    /**
     * Parses YAML {@code text}, without environment variables or flags; {@code source} names it in error
     * messages.
     *
     * @throws ConfigException listing every bad setting
     */
    public static DeviceConfig parse(String text, String source) throws ConfigException {
        return read(text, source, new Origin(Origin.Kind.FILE, source), false, Map.of(), List.of(),
                BoardFiles.system()).config();
    }

    /**
     * Reads the file (if any) and lays the environment variables and flags over it.
     *
     * @throws ConfigException listing every bad setting, naming the variable or flag an overridden one came from
     */
    public static LoadedConfig read(ConfigSources in) throws ConfigException {
        if (in.file().isEmpty()) {
            return read("", "defaults", Origin.DEFAULT, false, in.env(), in.sets(), in.board());
        }
        Path file = in.file().get();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), List.of("the file does not exist; expected a YAML file"));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), List.of("cannot be read: " + e.getMessage()));
        }
        return read(text, file.toString(), new Origin(Origin.Kind.FILE, file.toString()), worldReadable(file),
                in.env(), in.sets(), in.board());
    }

    private static LoadedConfig read(String text, String source, Origin fileOrigin, boolean worldReadable,
            Map<String, String> env, List<String> sets, BoardFiles board) throws ConfigException {
        ObjectNode root = tree(text, source);
        Ledger schemaLedger = new Ledger(Map.of(), Origin.DEFAULT, false);
        build(YAML.createObjectNode(), schemaLedger, board);
        Overlay.Result overlay = Overlay.apply(root, new Overlay.Schema(
                schemaLedger.settings().stream().map(Setting::path).toList(), schemaLedger.secrets()), env, sets);
        Ledger ledger = new Ledger(overlay.origins(), fileOrigin, worldReadable);
        DeviceConfig config = build(root, ledger, board);
        ledger.problems.addAll(0, overlay.problems());
        if (!ledger.problems.isEmpty()) {
            throw new ConfigException(source, ledger.problemsWithOrigins());
        }
        return new LoadedConfig(config, ledger.settings(), ledger.ports());
    }

    private static ObjectNode tree(String text, String source) throws ConfigException {
        JsonNode root;
        try {
            root = text.isBlank() ? null : YAML.readTree(text);
        } catch (JacksonException e) {
            throw new ConfigException(source, List.of("is not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr())));
        }
        if (root == null || root.isNull() || root.isMissingNode()) {
            return YAML.createObjectNode();
        }
        if (!(root instanceof ObjectNode o)) {
            throw new ConfigException(source, List.of("top level is " + root.getNodeType()
                    + "; expected a mapping of settings (device_id, mqtt, model, scheduler, web)"));
        }
        return o;
    }

    /** Reads every section; the result is only meaningful when the ledger has no problems. */
    private static DeviceConfig build(JsonNode root, Ledger ledger, BoardFiles board) {
        Section top = Section.root(root, ledger);
        String deviceId = deviceId(top, board);
        String group = top.string("group", "default", ID_PATTERN, ID_EXPECTED);
        MqttConfig mqtt = mqtt(top.section("mqtt"), deviceId);
        ModelConfig model = model(top.section("model"));
        SchedulerConfig scheduler = scheduler(top.section("scheduler"));
        OtaConfig ota = OtaConfig.read(top.section("ota"));
        WebConfig web = WebSection.read(top.section("web"));
        LoggingConfig logging = LoggingConfig.read(top.section("logging"));
        GpioConfig gpio = GpioConfig.read(top.section("gpio"));
        HealthConfig health = HealthConfig.read(top.section("health"));
        top.rejectUnknown();
        if (!ledger.problems.isEmpty()) {
            return null;
        }
        return new DeviceConfig(deviceId, mqtt, model, scheduler, ota, web, group, logging, gpio, health);
    }

    /** The configured id, else one derived from the board's serial or machine id, else {@code minnow-1}. */
    private static String deviceId(Section top, BoardFiles board) {
        if (top.has("device_id")) {
            return top.string("device_id", "minnow-1", ID_PATTERN, ID_EXPECTED);
        }
        Optional<BoardIdentity.Derived> derived = BoardIdentity.derive(board);
        String id = derived.map(BoardIdentity.Derived::deviceId).orElse("minnow-1");
        top.derived("device_id", id, derived.map(d -> new Origin(Origin.Kind.BOARD, d.source()))
                .orElse(Origin.DEFAULT));
        return id;
    }

    private static boolean worldReadable(Path file) {
        try {
            return Files.getPosixFilePermissions(file).contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    private static MqttConfig mqtt(Section s, String deviceId) {
        Optional<URI> url = s.uri("broker_url", Set.of("tcp", "ssl"));
        MqttVersion version = s.choice("version", MqttVersion.V5, MqttVersion::text, MqttVersion.class);
        String prefix = s.string("topic_prefix", "minnow", PREFIX_PATTERN,
                "topic levels without '+', '#', spaces or empty levels, like minnow or plant4/minnow");
        String clientId = s.string("client_id", "minnow-agent-" + deviceId, "[A-Za-z0-9_.-]{1,64}",
                "1 to 64 letters, digits, '.', '-' or '_'");
        Optional<String> user = s.optionalString("username");
        Optional<String> password = s.secret("password");
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
        int port = url.isEmpty() ? s.listenPort("embedded_port", 1883, "127.0.0.1")
                : (int) s.integer("embedded_port", 1883, 1, 65_535);
        boolean ackAfterReply = s.bool("ack_after_reply", true);
        s.rejectUnknown();
        return new MqttConfig(url, version, prefix, clientId, credentials, tls, keepAlive, expiry, maxPayload, port,
                ackAfterReply);
    }

    private static Optional<TlsConfig> tls(Section s) {
        Optional<Path> ca = s.readableFile("ca_file");
        Optional<Path> cert = s.readableFile("cert_file");
        Optional<Path> key = s.secretFile("key_file");
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
        int perClient = (int) s.integer("max_queued_per_client", Math.max(1, queue / 4), 1, queue);
        long deadline = s.integer("default_deadline_ms", 30_000, 1, 3_600_000);
        int board = (int) s.integer("board_priority", 1, 0, 9);
        int pool = (int) s.integer("pool_priority", 0, 0, 9);
        long drain = s.integer("drain_timeout_ms", 10_000, 0, 600_000);
        s.rejectUnknown();
        return new SchedulerConfig(workers, queue, perClient, deadline, board, pool, drain);
    }
}
