package io.minnow.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker (the {@code mosquitto} binary) on a free loopback port, for benchmarks and fleet runs
 * that need a broker of their own. It persists sessions and queued messages in its directory, so a
 * {@link #restart} (SIGTERM, then start) keeps them, as a broker run by an init system does. Not thread-safe.
 */
final class MosquittoProcess implements AutoCloseable {
    private final Path dir;
    private final int port;
    private Process process;

    private MosquittoProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static MosquittoProcess start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path conf = Files.writeString(dir.resolve("mosquitto.conf"), """
                user %s
                listener %d 127.0.0.1
                allow_anonymous true
                set_tcp_nodelay true
                max_queued_messages 100000
                max_inflight_messages 0
                persistence true
                persistence_location %s/
                """.formatted(System.getProperty("user.name"), port, dir));
        MosquittoProcess m = new MosquittoProcess(dir, port);
        m.launch(conf);
        return m;
    }

    private void launch(Path conf) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mosquitto", "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile())).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                process = p;
                return;
            } catch (IOException e) {
                if (System.nanoTime() > end || !p.isAlive()) {
                    p.destroyForcibly();
                    throw new IOException("mosquitto did not start on port " + port + "; see " + dir, e);
                }
                Thread.sleep(20); // polling a starting process; no event to wait on
            }
        }
    }

    /** Stops the broker with SIGTERM (it saves sessions and queued messages), waits {@code downMs}, starts it. */
    void restart(long downMs) throws IOException, InterruptedException {
        close();
        Thread.sleep(downMs); // the outage itself: devices and the agent see the broker gone for this long
        launch(dir.resolve("mosquitto.conf"));
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }
}
