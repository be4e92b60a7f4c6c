package io.minnow.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS to the broker. Files are PEM: the CA certificate(s) that sign the broker's certificate and, for
 * client-certificate authentication, the client's certificate and its unencrypted PKCS#8 private key.
 */
public record TlsConfig(Path caFile, Optional<Path> certFile, Optional<Path> keyFile) {
    public TlsConfig {
        Objects.requireNonNull(caFile, "caFile");
        Objects.requireNonNull(certFile, "certFile");
        Objects.requireNonNull(keyFile, "keyFile");
        if (certFile.isPresent() != keyFile.isPresent()) {
            throw new IllegalArgumentException("certFile and keyFile go together");
        }
    }
}
