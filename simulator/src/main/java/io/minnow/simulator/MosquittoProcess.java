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
 * A Mosquitto broker (the {@code mosquitto} binary) on a free loopback port, for benchmarks that need a
 * broker of their own. Not thread-safe.
 */
final class MosquittoProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private MosquittoProcess(Process process, int port) {
        this.process = process;
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
                """.formatted(System.getProperty("user.name"), port));
        Process p = new ProcessBuilder("mosquitto", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return new MosquittoProcess(p, port);
            } catch (IOException e) {
                if (System.nanoTime() > end || !p.isAlive()) {
                    p.destroyForcibly();
                    throw new IOException("mosquitto did not start on port " + port + "; see " + dir, e);
                }
                Thread.sleep(20); // polling a starting process; no event to wait on
            }
        }
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
