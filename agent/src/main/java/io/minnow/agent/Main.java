package io.minnow.agent;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minnow.agent.lifecycle.LifecycleException;
import io.minnow.agent.ota.InstallCommand;
import io.minnow.agent.ota.ModelsCommand;
import io.minnow.agent.ota.RollbackCommand;
import io.minnow.config.ConfigException;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import io.minnow.ota.store.ModelStore;
import io.minnow.ota.store.StoreException;
import io.minnow.runtime.generate.Generator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar minnow.jar [--config FILE]}: runs the agent until SIGTERM or Ctrl-C, then drains. */
@Command(name = "minnow", mixinStandardHelpOptions = true, version = "minnow " + Main.VERSION,
        description = "Runs the Minnow agent: a small language model answering MQTT requests and serving the technicians'"
                + " web page and an OpenAI-compatible HTTP API on this device.",
        subcommands = {InstallCommand.class, RollbackCommand.class, ModelsCommand.class, PasswdCommand.class})
public final class Main implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    /** The agent's version, which a release's min_agent_version is compared with. */
    public static final String VERSION = "0.1.0";

    /** Exit status when the configuration is invalid. */
    static final int BAD_CONFIG = 2;
    /** Exit status when a part failed to start. */
    static final int START_FAILED = 1;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "YAML configuration (see docs/agent.example.yaml); without it the embedded quickstart"
                    + " defaults apply")
    private Path config;

    @Option(names = "--check-config", description = "validate the configuration, print it and exit")
    private boolean checkOnly;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        DeviceConfig c;
        try {
            c = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
        } catch (ConfigException e) {
            System.err.println("minnow: refusing to start: " + e.getMessage());
            return BAD_CONFIG;
        }
        if (checkOnly) {
            System.out.println(c);
            return 0;
        }
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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
        stopped.await();
        return 0;
    }
}
