package io.minnow.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one load learned besides the values: every setting read (in file order) with its effective value and
 * {@link Origin}, which settings are secret, which ports the agent will listen on, and the problems. Shared
 * by the {@link Section}s of one load. Not thread-safe.
 */
final class Ledger {
    final List<String> problems = new ArrayList<>();
    private final Map<String, Origin> overridden;
    private final Origin fileOrigin;
    private final boolean fileWorldReadable;
    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final Set<String> secrets = new HashSet<>();
    private final List<ListenPort> ports = new ArrayList<>();

    /**
     * @param overridden settings set by an environment variable or flag, by path
     * @param fileOrigin what a value present in the parsed tree but not overridden came from
     * @param fileWorldReadable whether every user of the board can read the configuration file
     */
    Ledger(Map<String, Origin> overridden, Origin fileOrigin, boolean fileWorldReadable) {
        this.overridden = Map.copyOf(overridden);
        this.fileOrigin = fileOrigin;
        this.fileWorldReadable = fileWorldReadable;
    }

    Origin origin(String path, boolean present) {
        Origin o = overridden.get(path);
        if (o != null) {
            return o;
        }
        return present ? fileOrigin : Origin.DEFAULT;
    }

    void note(String path, String value, boolean present) {
        boolean secret = secrets.contains(path);
        settings.put(path, new Setting(path, secret && !value.isEmpty() ? Setting.MASK : value,
                origin(path, present), secret));
    }

    void note(Setting s) {
        settings.put(s.path(), s);
    }

    void markSecret(String path) {
        secrets.add(path);
    }

    boolean secret(String path) {
        return secrets.contains(path);
    }

    boolean fileWorldReadable() {
        return fileWorldReadable;
    }

    void listenPort(String path, String host, int port, boolean present) {
        ports.add(new ListenPort(path, host, port, origin(path, present)));
    }

    List<Setting> settings() {
        return List.copyOf(settings.values());
    }

    List<ListenPort> ports() {
        return List.copyOf(ports);
    }

    Set<String> secrets() {
        return Set.copyOf(secrets);
    }

    /** Appends where an overridden setting's value came from, so a bad env value is not hunted in the file. */
    List<String> problemsWithOrigins() {
        List<String> out = new ArrayList<>();
        for (String p : problems) {
            String path = p.substring(0, Math.max(0, p.indexOf(':')));
            Origin o = overridden.get(path);
            out.add(o == null ? p : p + " (from " + o + ")");
        }
        return out;
    }
}
