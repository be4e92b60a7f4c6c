package io.minnow.agent.mqtt;

import io.minnow.agent.lifecycle.Service;
import java.io.IOException;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.slf4j.LoggerFactory;

/**
 * The quickstart broker: Apache ActiveMQ Artemis speaking MQTT 3.1.1 and MQTT 5 on {@code 127.0.0.1}, in
 * memory, anonymous. Only started when no broker is configured. Not for production fleets: it has no TLS and
 * keeps nothing across restarts.
 *
 * <p>Why Artemis and not Moquette 0.17 (the last Moquette on Maven Central): Moquette marks a connection as
 * connected only in a listener that may run after the client's next packet was read, so a client that
 * subscribes right after its CONNACK (every {@code mosquitto_rr}) was dropped about once in 25 round trips
 * ("SUBSCRIBE received on already closed connection"). HiveMQ CE embedded was measured too; it took several
 * times longer to start and added about 90 MB to the jar (see docs/agent-benchmark.md).
 *
 * <p>Follows the MQTT specification on empty client ids: accepted (and an id assigned) only with a clean
 * session, refused for a persistent one. Not thread-safe; the lifecycle starts and stops it.
 */
public final class EmbeddedBroker implements Service {
    private final int port;
    private EmbeddedActiveMQ server;

    public EmbeddedBroker(int port) {
        this.port = port;
    }

    @Override
    public String name() {
        return "embedded broker (127.0.0.1:" + port + ", MQTT 3.1.1 and 5)";
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void start() throws IOException {
        ConfigurationImpl c = new ConfigurationImpl();
        c.setName("minnow-embedded");
        c.setPersistenceEnabled(false);
        c.setSecurityEnabled(false);
        c.setJMXManagementEnabled(false);
        // Nothing is written to disk, so a full disk must not make the broker block publishers.
        c.setMaxDiskUsage(-1);
        // The analyzer stops a broker whose threads stall; on a loaded single-core board that is a false alarm.
        c.setCriticalAnalyzer(false);
        try {
            c.addAcceptorConfiguration("mqtt", "tcp://127.0.0.1:" + port
                    + "?protocols=MQTT;tcpNoDelay=true");
        } catch (Exception e) {
            throw new IOException("cannot configure the embedded MQTT broker on 127.0.0.1:" + port + ": "
                    + e.getMessage(), e);
        }
        EmbeddedActiveMQ s = new EmbeddedActiveMQ();
        s.setConfiguration(c);
        try {
            s.start();
            // Artemis logs a listener that cannot bind and carries on without it; here that is a failed start.
            if (!s.getActiveMQServer().isActive()) {
                throw new IOException("the listener did not start");
            }
        } catch (Exception e) {
            stopQuietly(s);
            throw new IOException("cannot start the embedded MQTT broker on 127.0.0.1:" + port
                    + " (is another broker using the port? set mqtt.embedded_port or mqtt.broker_url): "
                    + e.getMessage(), e);
        }
        server = s;
    }

    @Override
    public void stop() {
        if (server != null) {
            EmbeddedActiveMQ s = server;
            server = null;
            stopQuietly(s);
        }
    }

    private static void stopQuietly(EmbeddedActiveMQ s) {
        try {
            s.stop();
        } catch (Exception e) {
            // Nothing is left to release: the broker keeps nothing on disk and its threads are stopping.
            LoggerFactory.getLogger(EmbeddedBroker.class).warn("the embedded broker did not stop cleanly", e);
        }
    }
}
