package io.minnow.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A validated configuration together with where each value came from.
 *
 * @param settings every setting in file order, with its effective value (secrets masked) and origin
 * @param ports the TCP ports the agent will listen on, for {@link #checkPorts()}
 */
public record LoadedConfig(DeviceConfig config, List<Setting> settings, List<ListenPort> ports) {
    public LoadedConfig {
        Objects.requireNonNull(config, "config");
        settings = List.copyOf(settings);
        ports = List.copyOf(ports);
    }

    /** The setting at {@code path}; throws if there is none. */
    public Setting setting(String path) {
        return settings.stream().filter(s -> s.path().equals(path)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no setting " + path));
    }

    /**
     * Problems with the ports the agent would listen on that something else holds now, in the same form as
     * {@link ConfigException#problems()}. Only a check: the port may be taken between this and the start.
     */
    public List<String> checkPorts() {
        List<String> problems = new ArrayList<>();
        for (ListenPort p : ports) {
            try (ServerSocket s = new ServerSocket()) {
                s.setReuseAddress(true); // a port left in TIME_WAIT by the agent's previous run is free to bind
                s.bind(new InetSocketAddress(InetAddress.getByName(p.host()), p.port()));
            } catch (IOException e) {
                problems.add(p.path() + ": " + p.port() + " is not valid; expected a port nothing else listens on ("
                        + p.host() + ":" + p.port() + " is in use: " + e.getMessage() + ")"
                        + (p.origin().kind() == Origin.Kind.ENV || p.origin().kind() == Origin.Kind.FLAG
                                ? " (from " + p.origin() + ")" : ""));
            }
        }
        return problems;
    }
}
