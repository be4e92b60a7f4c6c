package io.minnow.agent.ota;

import io.minnow.config.ConfigException;
import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.Inbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minnow rollback}: asks the running agent to switch back to the previous release, and waits. */
@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Switch this board back to the previous model release, without downtime.")
public final class RollbackCommand extends StoreCommand implements Callable<Integer> {
    @Option(names = "--wait-s", defaultValue = "120", description = "how long to wait (default ${DEFAULT-VALUE} s)")
    long waitS;

    @Override
    public Integer call() throws Exception {
        Path dir;
        try {
            dir = stateDir();
        } catch (ConfigException e) {
            err().println("minnow rollback: " + e.getMessage());
            return BAD_INPUT;
        }
        String id = new Inbox(dir).submitRollback(Inbox.newId());
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
