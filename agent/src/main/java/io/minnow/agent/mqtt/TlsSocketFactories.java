package io.minnow.agent.mqtt;

import io.minnow.agent.tls.PemFiles;
import io.minnow.config.TlsConfig;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS socket factory for the broker connection from PEM files. Stateless. */
public final class TlsSocketFactories {
    private TlsSocketFactories() {}

    /**
     * Trusts the CA certificates in {@code caFile} and, when given, presents the client certificate with its
     * PKCS#8 key.
     *
     * @throws GeneralSecurityException naming the file that could not be used
     */
    public static SSLSocketFactory create(TlsConfig tls) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate c : PemFiles.certificates(tls.caFile())) {
            trust.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (tls.certFile().isPresent()) {
            char[] pass = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", PemFiles.privateKey(tls.keyFile().orElseThrow()), pass,
                    PemFiles.certificates(tls.certFile().get()).toArray(Certificate[]::new));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, pass);
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }
}
