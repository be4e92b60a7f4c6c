package io.minnow.agent.mqtt;

import io.minnow.agent.lifecycle.Service;
import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.util.List;
import java.util.Properties;

/**
 * The quickstart broker: Moquette speaking MQTT 3.1.1 on {@code 127.0.0.1}, in memory, anonymous, with no
 * telemetry. Only started when no broker is configured. Not for production fleets: it has no TLS and keeps
 * nothing across restarts.
 */
public final class EmbeddedBroker implements Service {
    private final int port;
    private Server server;

    public EmbeddedBroker(int port) {
        this.port = port;
    }

    @Override
    public String name() {
        return "embedded broker (127.0.0.1:" + port + ", MQTT 3.1.1)";
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void start() throws IOException {
        Properties p = new Properties();
        p.setProperty(BrokerConstants.HOST_PROPERTY_NAME, "127.0.0.1");
        p.setProperty(BrokerConstants.PORT_PROPERTY_NAME, Integer.toString(port));
        p.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "true");
        // mosquitto_pub/sub connect without a client id and let the broker assign one.
        p.setProperty(BrokerConstants.ALLOW_ZERO_BYTE_CLIENT_ID_PROPERTY_NAME, "true");
        p.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(BrokerConstants.NETTY_MAX_BYTES_PROPERTY_NAME, Integer.toString(16 * 1024 * 1024));
        p.setProperty(BrokerConstants.IMMEDIATE_BUFFER_FLUSH_PROPERTY_NAME, "true");
        Server s = new Server();
        try {
            s.startServer(new MemoryConfig(p), List.of());
        } catch (IOException | RuntimeException e) {
            throw new IOException("cannot start the embedded MQTT broker on 127.0.0.1:" + port
                    + " (is another broker using the port? set mqtt.embedded_port or mqtt.broker_url): "
                    + e.getMessage(), e);
        }
        server = s;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stopServer();
            server = null;
        }
    }
}
