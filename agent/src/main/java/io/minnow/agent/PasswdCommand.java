package io.minnow.agent;

import io.minnow.agent.web.auth.PasswordHasher;
import io.minnow.agent.web.auth.PasswordStore;
import io.minnow.config.ConfigException;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minnow passwd}: sets the web page's technician password from the shell, in the state directory of
 * the configuration given (a running agent takes it at the next login), or with {@code --print} only prints
 * the hash for {@code web.password_hash}. Reads the password twice from the terminal, or once from standard
 * input with {@code --stdin}; never from the command line, where other users could see it.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = "Set the web page's technician password (asks for it twice).")
final class PasswdCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "the agent's YAML configuration")
    private Path config;

    @Option(names = "--stdin", description = "read the password from one line of standard input")
    private boolean stdin;

    @Option(names = "--print", description = "print the hash for web.password_hash instead of storing it")
    private boolean print;

    @Override
    public Integer call() throws Exception {
        DeviceConfig c;
        try {
            c = config == null ? ConfigLoader.defaults() : ConfigLoader.load(config);
        } catch (ConfigException e) {
            System.err.println("minnow passwd: " + e.getMessage());
            return Main.BAD_CONFIG;
        }
        char[] password = read();
        if (password == null) {
            return 1;
        }
        try {
            PasswordStore.check(password);
            if (print) {
                System.out.println(PasswordHasher.hash(password, new SecureRandom()));
            } else {
                PasswordStore.set(c.web().stateDir(), password, new SecureRandom());
                System.out.println("password set in " + c.web().stateDir().resolve(PasswordStore.HASH_FILE));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("minnow passwd: " + e.getMessage());
            return 1;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] read() throws java.io.IOException {
        if (stdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                System.err.println("minnow passwd: standard input is empty; expected the password on one line");
                return null;
            }
            return line.toCharArray();
        }
        Console console = System.console();
        if (console == null) {
            System.err.println("minnow passwd: no terminal to ask on; use --stdin");
            return null;
        }
        char[] first = console.readPassword("new web password: ");
        char[] second = console.readPassword("again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            System.err.println("minnow passwd: the two passwords differ; nothing changed");
            return null;
        }
        Arrays.fill(second, '\0');
        return first;
    }
}
