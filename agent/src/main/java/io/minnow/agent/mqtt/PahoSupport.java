package io.minnow.agent.mqtt;

import io.minnow.runtime.Causes;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.SocketFactory;
import javax.net.ssl.SSLException;

/**
 * What {@link Mqtt3Transport} and {@link Mqtt5Transport} share. Paho's MQTT 3.1.1 and MQTT 5 clients have
 * parallel APIs with no common types, so the transports stay two classes; everything that does not touch a
 * Paho type lives here once. Stateless.
 */
final class PahoSupport {
    /** How long Paho may take to open the socket and finish the TLS handshake, in seconds. */
    static final int CONNECTION_TIMEOUT_S = 10;

    private PahoSupport() {}

    /** Sockets with {@code TCP_NODELAY}, over TLS when the settings have a TLS factory. */
    static SocketFactory socketFactory(ConnectSettings s) {
        return s.tls().<SocketFactory>map(NoDelaySocketFactory::tls).orElseGet(NoDelaySocketFactory::new);
    }

    /**
     * A connect failure that says what to check. Paho's own text for a failed TLS handshake is "MqttException"
     * or "Untranslated MqttException - RC: 0", and for refused credentials "Not authorized".
     *
     * @param loginRefused the broker answered the CONNECT with a bad-credentials or not-authorized code
     */
    static MqttLinkException connectFailed(String serverUri, boolean loginRefused, Throwable e) {
        String prefix = "connecting to " + serverUri + " failed: ";
        if (loginRefused) {
            return new MqttLinkException(prefix + "the broker refused the login (" + e.getMessage()
                    + "); check mqtt.username and mqtt.password, and the broker's ACL for this client", e);
        }
        Throwable expired = find(e, CertificateExpiredException.class);
        Throwable notYet = find(e, CertificateNotYetValidException.class);
        Throwable untrusted = find(e, CertPathBuilderException.class);
        Throwable tls = find(e, SSLException.class);
        if (expired != null) {
            return new MqttLinkException(prefix + "the TLS handshake failed: the broker's certificate has expired ("
                    + expired.getMessage() + "); renew it, and check this board's clock", e);
        }
        if (notYet != null) {
            return new MqttLinkException(prefix + "the TLS handshake failed: the broker's certificate is not valid yet ("
                    + notYet.getMessage() + "); check this board's clock", e);
        }
        if (untrusted != null) {
            return new MqttLinkException(prefix + "the TLS handshake failed: the broker's certificate is not signed by"
                    + " a CA in mqtt.tls.ca_file", e);
        }
        if (tls != null) {
            return new MqttLinkException(prefix + "the TLS handshake failed (" + tls.getMessage() + "); check"
                    + " mqtt.tls (ca_file, cert_file, key_file) and that the broker speaks TLS on this port", e);
        }
        return new MqttLinkException(prefix + Causes.describe(e), e);
    }

    /**
     * Throws if the broker refused any filter of a SUBACK: codes from 0x80 up mean failure in MQTT 3.1.1 (only
     * 0x80) and in MQTT 5.
     */
    static void checkGranted(List<String> filters, int[] codes) throws MqttLinkException {
        for (int i = 0; codes != null && i < codes.length && i < filters.size(); i++) {
            if (codes[i] >= 0x80) {
                throw new MqttLinkException("the broker refused the subscription to " + filters.get(i)
                        + " (reason code 0x" + Integer.toHexString(codes[i]) + ")", null);
            }
        }
    }

    /** One Paho call that acknowledges a message to the broker. */
    @FunctionalInterface
    interface AckCall {
        void run() throws Exception;
    }

    /**
     * The {@link io.minnow.agent.protocol.InboundMessage#acknowledge} of one delivery: runs {@code call} once;
     * a no-op when Paho acknowledged on arrival. A failure means the connection that delivered the message is
     * gone, and the broker delivers it again on the next one, so it is only logged.
     */
    static Runnable acknowledgement(boolean manualAcks, AckCall call) {
        if (!manualAcks) {
            return () -> { };
        }
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                try {
                    call.run();
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(PahoSupport.class).debug(
                            "acknowledging a request failed ({}); the broker delivers it again", e.toString());
                }
            }
        };
    }

    private static Throwable find(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }
}
