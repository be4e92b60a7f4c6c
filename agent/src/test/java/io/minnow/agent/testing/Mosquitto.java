package io.minnow.agent.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker on a free loopback port, with persistence in a temporary directory so sessions
 * and queued messages survive {@link #restart}. Never a system service.
 */
public final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private Mosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static Mosquitto start(Path dir) throws IOException {
        return start(dir, "allow_anonymous true");
    }

    /** Starts with {@code settings} (mosquitto.conf lines) for the listener, such as TLS and passwords. */
    public static Mosquitto start(Path dir, String settings) throws IOException {
        Mosquitto m = new Mosquitto(dir, freePort());
        Files.writeString(dir.resolve("mosquitto.conf"), """
                # Run as the test's user: when started by root, mosquitto would otherwise switch to the
                # "mosquitto" user, which cannot write the persistence file into the test's directory.
                user %s
                listener %d 127.0.0.1
                %s
                set_tcp_nodelay true
                persistence true
                persistence_location %s/
                autosave_interval 1
                max_queued_messages 100000
                max_inflight_messages 0
                log_dest file %s/mosquitto.log
                log_type error
                log_type warning
                log_type notice
                """.formatted(System.getProperty("user.name"), m.port, settings, dir, dir));
        m.launch();
        return m;
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops the broker the way an init system does (SIGTERM: it saves its state) and starts it again. */
    public void restart() throws IOException {
        stop();
        launch();
    }

    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void launch() throws IOException {
        process = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).ignoreExceptions().until(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            }
        });
    }
}
