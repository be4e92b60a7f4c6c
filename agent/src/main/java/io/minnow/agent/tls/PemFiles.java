package io.minnow.agent.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

/** Reads PEM certificates and unencrypted PKCS#8 private keys (broker TLS, HTTPS). Stateless. */
public final class PemFiles {
    private PemFiles() {}

    /** @throws GeneralSecurityException naming the file when it holds no PEM certificate */
    public static Collection<? extends Certificate> certificates(Path pem) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new GeneralSecurityException(pem + " holds no PEM certificate");
            }
            return certs;
        } catch (GeneralSecurityException e) {
            throw new GeneralSecurityException(pem + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    /** @throws GeneralSecurityException naming the file and how to convert it when it is not PKCS#8 */
    public static PrivateKey privateKey(Path pem) throws GeneralSecurityException, IOException {
        String text = Files.readString(pem);
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            throw new GeneralSecurityException(pem + " is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY);"
                    + " convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out " + pem.getFileName());
        }
        byte[] der = Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException e) {
                // Not this algorithm; the key says which only inside its DER, so try the next.
            }
        }
        throw new GeneralSecurityException(pem + " holds a private key that is not RSA, EC or Ed25519");
    }
}
