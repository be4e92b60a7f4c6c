package io.minnow.ota.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The TLS trust of HTTPS sources: the CAs of {@code ota.delivery.ca_file} only, or the JDK's when unset. */
public final class Tls {
    private Tls() {
    }

    /** An SSL context trusting exactly the PEM certificates in {@code caFile}, or the JDK's default. */
    public static SSLContext context(Optional<Path> caFile) throws IOException {
        try {
            if (caFile.isEmpty()) {
                return SSLContext.getDefault();
            }
            Collection<? extends Certificate> certs;
            try (InputStream in = Files.newInputStream(caFile.get())) {
                certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certs.isEmpty()) {
                throw new IOException(caFile.get() + " holds no PEM certificate");
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use " + caFile.orElse(null) + " as the CA file: " + e.getMessage(), e);
        }
    }
}
