package io.minnow.agent.lifecycle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd (a {@code Type=notify} unit) that the agent is ready or stopping. systemd listens on the
 * {@code AF_UNIX} datagram socket named by {@code NOTIFY_SOCKET}; Java 17 has {@code AF_UNIX} stream channels
 * only, so without a native library the message goes through {@code systemd-notify}, which since systemd 246
 * waits until the manager has read it (so its short life is no race). Because it is another process, the unit
 * needs {@code NotifyAccess=all}. Outside systemd ({@code NOTIFY_SOCKET} unset) every call does nothing.
 * Thread-safe.
 */
public final class SystemdNotify {
    private static final Logger LOG = LoggerFactory.getLogger(SystemdNotify.class);
    private static final long TIMEOUT_MS = 5_000;

    private final Optional<String> socket;
    private final String command;

    /** @param socket the {@code NOTIFY_SOCKET} value; {@code command} the {@code systemd-notify} binary */
    public SystemdNotify(Optional<String> socket, String command) {
        this.socket = socket.filter(s -> !s.isEmpty());
        this.command = command;
    }

    /** The notifier for this process's environment. */
    public static SystemdNotify fromEnvironment() {
        return new SystemdNotify(Optional.ofNullable(System.getenv("NOTIFY_SOCKET")), "systemd-notify");
    }

    /** Start-up is complete: requests are heard. {@code status} shows in {@code systemctl status}. */
    public void ready(String status) {
        send("READY=1", "STATUS=" + status);
    }

    /** Shutdown has begun (the drain can take a while). */
    public void stopping() {
        send("STOPPING=1", "STATUS=stopping: draining requests");
    }

    private void send(String... assignments) {
        if (socket.isEmpty()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(command, "--pid=" + ProcessHandle.current().pid()));
        cmd.addAll(List.of(assignments));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("NOTIFY_SOCKET", socket.get());
        try {
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                LOG.warn("systemd-notify {} did not finish in {} ms", assignments[0], TIMEOUT_MS);
            } else if (p.exitValue() != 0) {
                LOG.warn("systemd-notify {} failed ({}): {}", assignments[0], p.exitValue(),
                        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            LOG.warn("cannot tell systemd {}: {} (is systemd-notify installed?)", assignments[0], e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
