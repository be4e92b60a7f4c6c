package io.minnow.agent.ota;

import io.minnow.config.ConfigException;
import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.ModelStore;
import io.minnow.ota.store.StoreState;
import io.minnow.ota.store.StoredRelease;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minnow models}: the model store as it is: kept releases (active, previous), whether a health window
 * runs, and the latest attempts with their outcomes and reasons. Reads only; works with or without an agent.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Show the model store: releases, active, previous, and why past updates failed.")
public final class ModelsCommand extends StoreCommand implements Callable<Integer> {
    @Option(names = "--history", defaultValue = "20", description = "attempts to show (default ${DEFAULT-VALUE})")
    int history;

    @Override
    public Integer call() throws Exception {
        Path dir;
        try {
            dir = stateDir();
        } catch (ConfigException e) {
            err().println("minnow models: " + e.getMessage());
            return BAD_INPUT;
        }
        if (!Files.isDirectory(dir)) {
            err().println("minnow models: no model store in " + dir + " (the agent creates it at its first start)");
            return BAD_INPUT;
        }
        ModelStore.Snapshot snap = ModelStore.snapshot(dir);
        StoreState s = snap.state();
        PrintWriter w = out();
        w.println("model store " + dir + " (highest release so far: " + s.highestRelease() + ")");
        for (StoredRelease r : s.releases()) {
            String mark = s.active().equals(java.util.Optional.of(r.dir())) ? (s.inTrial() ? "active, in health window"
                    : "active") : s.previous().equals(java.util.Optional.of(r.dir())) ? "previous" : "kept";
            w.printf("  %-28s release %-4d %-10s installed %s%n", r.model() + " " + r.version(), r.release(), mark,
                    r.installed().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        List<Attempt> all = snap.attempts();
        w.println("last " + Math.min(history, all.size()) + " of " + all.size() + " update attempts:");
        for (Attempt a : all.subList(Math.max(0, all.size() - history), all.size())) {
            w.printf("  %s %-18s %-12s %s%s%s%n", a.started().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), a.kind().name().toLowerCase(java.util.Locale.ROOT),
                    a.outcome().wireName(), a.release().isPresent() ? "release " + a.release().getAsLong() + " " : "",
                    a.code().map(c -> "[" + c.wireName() + "] ").orElse(""), a.message().isEmpty() ? a.what() : a.message());
        }
        return 0;
    }
}
