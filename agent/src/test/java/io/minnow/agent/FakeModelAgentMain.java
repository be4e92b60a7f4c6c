package io.minnow.agent;

import io.minnow.agent.testing.FakeGenerator;
import io.minnow.config.ConfigLoader;
import java.nio.file.Path;

/**
 * The agent's real main loop with the fake model, for tests that need the daemon as a separate process
 * (SIGTERM drain). Arguments: the configuration file and the fake model's milliseconds per token.
 */
public final class FakeModelAgentMain {
    private FakeModelAgentMain() {}

    public static void main(String[] args) throws Exception {
        long tokenMs = Long.parseLong(args[1]);
        System.exit(Main.runUntilStopped(ConfigLoader.load(Path.of(args[0])), "fake model",
                () -> new FakeGenerator(tokenMs)));
    }
}
