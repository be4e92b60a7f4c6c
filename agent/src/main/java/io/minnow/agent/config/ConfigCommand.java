package io.minnow.agent.config;

import io.minnow.config.ConfigException;
import io.minnow.config.ConfigLoader;
import io.minnow.config.ConfigSources;
import io.minnow.config.LoadedConfig;
import io.minnow.config.Setting;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code minnow config check FILE} and {@code minnow config show}: the configuration without starting. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Checks or shows the configuration without starting the agent.",
        subcommands = {ConfigCommand.Check.class, ConfigCommand.Show.class})
public final class ConfigCommand {
    /** Exit status when the configuration is invalid (the same as the agent's refusal to start). */
    public static final int BAD_CONFIG = 2;

    private ConfigCommand() {}

    /** {@code minnow config check FILE}: every problem at once, including ports in use and broken TLS files. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validates FILE with the MINNOW_* environment variables and --set flags laid over it,"
                    + " and checks that the ports it listens on are free. Exit status 0 if the agent would start"
                    + " with it, 2 if not; TLS files must parse too.")
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", description = "the YAML configuration")
        Path file;

        @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a setting, as the agent would")
        List<String> sets = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                LoadedConfig c = ConfigLoader.read(ConfigSources.of(Optional.of(file), sets));
                List<String> problems = StartChecks.problems(c);
                if (!problems.isEmpty()) {
                    err.println(new ConfigException(file.toString(), problems).getMessage());
                    return BAD_CONFIG;
                }
                out.println(file + ": OK (device " + c.config().deviceId() + ", " + c.settings().size()
                        + " settings; `minnow config show --config " + file + "` lists them)");
                return 0;
            } catch (ConfigException e) {
                err.println(e.getMessage());
                return BAD_CONFIG;
            }
        }
    }

    /** {@code minnow config show}: every effective setting, masked where secret, with its origin. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Prints every setting the agent would use: its value (secrets masked), where it came"
                    + " from (default, board, file, env, flag) and the environment variable that overrides it.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "the YAML configuration")
        Path file;

        @Option(names = "--set", paramLabel = "PATH=VALUE", description = "override a setting, as the agent would")
        List<String> sets = new ArrayList<>();

        @Override
        public Integer call() {
            try {
                LoadedConfig c = ConfigLoader.read(ConfigSources.of(Optional.ofNullable(file), sets));
                spec.commandLine().getOut().print(table(c.settings()));
                return 0;
            } catch (ConfigException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return BAD_CONFIG;
            }
        }
    }

    /** One line per setting: {@code path = value   # origin   [VARIABLE]}, aligned. */
    static String table(List<Setting> settings) {
        int width = settings.stream().mapToInt(s -> s.path().length() + 3 + shown(s).length()).max().orElse(0);
        StringBuilder b = new StringBuilder();
        for (Setting s : settings) {
            String left = s.path() + " = " + shown(s);
            b.append(left).append(" ".repeat(width - left.length())).append("  # ").append(s.origin())
                    .append("  [").append(s.envName()).append("]\n");
        }
        return b.toString();
    }

    private static String shown(Setting s) {
        return s.value().isEmpty() ? "(unset)" : s.value();
    }
}
