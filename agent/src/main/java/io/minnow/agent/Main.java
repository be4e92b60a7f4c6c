package io.minnow.agent;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minnow.agent.config.ConfigCommand;
import io.minnow.agent.config.StartChecks;
import io.minnow.agent.lifecycle.LifecycleException;
import io.minnow.agent.lifecycle.SystemdNotify;
import io.minnow.agent.logging.LogSetup;
import io.minnow.agent.ota.InstallCommand;
import io.minnow.agent.ota.ModelsCommand;
import io.minnow.agent.ota.RollbackCommand;
import io.minnow.config.ConfigException;
import io.minnow.config.ConfigLoader;
import io.minnow.config.ConfigSources;
import io.minnow.config.DeviceConfig;
import io.minnow.config.LoadedConfig;
import io.minnow.ota.store.ModelStore;
import io.minnow.ota.store.StoreException;
import io.minnow.runtime.generate.Generator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar minnow.jar [--config FILE] [--set PATH=VALUE]...}: runs the agent until SIGTERM or Ctrl-C,
 * then drains. {@code minnow config check|show} inspect the configuration without starting.
 */
@Command(name = "minnow", mixinStandardHelpOptions = true, version = "minnow " + Main.VERSION,
        description = "Runs the Minnow agent: a small language model answering MQTT requests and serving the technicians'"
                + " web page and an OpenAI-compatible HTTP API on this device. Settings come from the defaults, then"
                + " FILE, then MINNOW_* environment variables (like MINNOW_MQTT_BROKER_URL), then --set flags; later"
                + " ones win.",
        subcommands = {ConfigCommand.class, InstallCommand.class, RollbackCommand.class, ModelsCommand.class,
                PasswdCommand.class})
public final class Main implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    /** The agent's version, which a release's min_agent_version is compared with. */
    public static final String VERSION = "0.1.0";

    /** Exit status when the configuration is invalid. */
    static final int BAD_CONFIG = ConfigCommand.BAD_CONFIG;
    /** Exit status when a part failed to start. */
    static final int START_FAILED = 1;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration (see docs/agent.example.yaml); without it the embedded quickstart"
                    + " defaults apply")
    private Path config;

    @Option(names = "--set", paramLabel = "PATH=VALUE",
            description = "override one setting, like --set mqtt.broker_url=tcp://broker:1883 (not for secrets:"
                    + " use a *_file setting or the MINNOW_* variable)")
    private List<String> sets = new ArrayList<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.read(ConfigSources.of(Optional.ofNullable(config), sets));
            List<String> problems = StartChecks.problems(loaded);
            if (!problems.isEmpty()) {
                throw new ConfigException(config == null ? "defaults" : config.toString(), problems);
            }
        } catch (ConfigException e) {
            System.err.println("minnow: refusing to start: " + e.getMessage());
            return BAD_CONFIG;
        }
        DeviceConfig c = loaded.config();
        LogSetup.apply(c.logging());
        LOG.info("device id {} ({}), group {}", c.deviceId(), loaded.setting("device_id").origin(), c.group());
        ModelStore store;
        try {
            store = ModelStore.open(c.ota().stateDir(), c.ota().releasesKept(), Clock.systemUTC());
        } catch (StoreException e) {
            System.err.println("minnow: refusing to start: " + e.getMessage() + " (set ota.state_dir)");
            return START_FAILED;
        }
        return runUntilStopped(Agent.create(c, store, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), c);
    }

    /** Runs an agent without a model store (a test's fake model) until the JVM is asked to stop. */
    static int runUntilStopped(DeviceConfig c, String modelSource, Callable<Generator> modelOpener) throws Exception {
        return runUntilStopped(Agent.create(c, modelSource, modelOpener, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), c);
    }

    /**
     * Runs an agent until the JVM is asked to stop (SIGTERM, Ctrl-C), then drains it before the JVM exits.
     *
     * @return the exit status
     */
    static int runUntilStopped(Agent agent, DeviceConfig c) throws Exception {
        SystemdNotify systemd = SystemdNotify.fromEnvironment();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            systemd.stopping();
            LOG.info("stopping: draining requests");
            agent.stop();
            stopped.countDown();
        }, "minnow-shutdown"));
        try {
            agent.start();
        } catch (LifecycleException e) {
            LOG.error("minnow could not start: {}", e.getMessage());
            return START_FAILED;
        }
        LOG.info("minnow {} running; requests on {} and {}, status on {}, broker {}", c.deviceId(),
                agent.topics().boardRequest(), agent.topics().poolRequest(), agent.topics().status(), agent.brokerUrl());
        systemd.ready("running as " + c.deviceId() + "; broker " + agent.brokerUrl());
        stopped.await();
        return 0;
    }
}
