package io.minnow.agent.ota;

import io.minnow.config.ConfigException;
import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.Inbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code minnow install BUNDLE RELEASE}: hands a signed release to the running agent (through the model
 * store's inbox) and waits for its verdict: the new model serves (its health window runs), or it was refused
 * with a reason code and nothing changed.
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install a signed model release on this board: the running agent verifies it, self-tests it"
                + " beside the serving model and switches without downtime.")
public final class InstallCommand extends StoreCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BUNDLE", description = "the .minnow bundle")
    Path bundle;

    @Parameters(index = "1", paramLabel = "RELEASE", description = "its release file (minnow-admin sign)")
    Path release;

    @Option(names = "--wait-s", defaultValue = "300", description = "how long to wait for the agent's verdict"
            + " (default ${DEFAULT-VALUE} s)")
    long waitS;

    @Override
    public Integer call() throws Exception {
        Path dir;
        try {
            dir = stateDir();
        } catch (ConfigException e) {
            err().println("minnow install: " + e.getMessage());
            return BAD_INPUT;
        }
        for (Path p : new Path[] {bundle, release}) {
            if (!Files.isRegularFile(p)) {
                err().println("minnow install: " + p + " is not a file");
                return BAD_INPUT;
            }
        }
        String id = new Inbox(dir).submitInstall(Inbox.newId(), bundle, release);
        if (!agentRunning(dir)) {
            out().println("no agent is running on " + dir + "; request " + id + " waits in its inbox until one starts");
        }
        Optional<Attempt> a = await(dir, id, Duration.ofSeconds(waitS));
        if (a.isEmpty()) {
            err().println("no verdict on request " + id + " within " + waitS + " s; see minnow models later");
            return NO_ANSWER;
        }
        return report(a.get());
    }
}
