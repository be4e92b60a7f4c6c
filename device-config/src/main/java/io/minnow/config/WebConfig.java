package io.minnow.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The technicians' web page and the HTTP API. Immutable; {@link #toString()} never shows the password hash
 * or the API tokens.
 *
 * @param enabled whether the agent serves HTTP at all
 * @param bindAddress the address to listen on ({@code 127.0.0.1} by default: only this machine; {@code 0.0.0.0}
 *     for every interface)
 * @param port the TCP port; 0 picks a free one (tests)
 * @param tls HTTPS from PEM files; empty serves plain HTTP
 * @param stateDir where the agent keeps the page's password hash and the first start's one-time password
 * @param passwordHash a fixed technician password hash ({@code pbkdf2-sha256$iterations$salt$hash}, from
 *     {@code minnow passwd --print}); when set, the password cannot be changed from the page
 * @param apiTokens bearer tokens accepted by {@code /v1/*}; none means the API refuses every call
 * @param publicPages what may be read without logging in; empty by default
 * @param sessionIdleMinutes a session ends after this long without a request
 * @param sessionMaxMinutes a session ends this long after login, however busy
 * @param maxBodyBytes larger request bodies are refused with 413 before they are read
 * @param maxUploadBytes the largest model update the page accepts (bundle and release file together)
 */
public record WebConfig(
        boolean enabled,
        String bindAddress,
        int port,
        Optional<WebTls> tls,
        Path stateDir,
        Optional<String> passwordHash,
        List<String> apiTokens,
        Set<PublicPage> publicPages,
        int sessionIdleMinutes,
        int sessionMaxMinutes,
        int maxBodyBytes,
        long maxUploadBytes) {

    /** What {@code web.public} may open to anyone who can reach the port. */
    public enum PublicPage {
        /** {@code /healthz} and {@code /readyz}. */
        HEALTH,
        /** {@code /metrics}. */
        METRICS,
        /** The dashboard, read-only: no chat, no actions. */
        DASHBOARD
    }

    /** HTTPS certificate chain and its unencrypted PKCS#8 private key, both PEM. */
    public record WebTls(Path certFile, Path keyFile) {
        public WebTls {
            Objects.requireNonNull(certFile, "certFile");
            Objects.requireNonNull(keyFile, "keyFile");
        }
    }

    public WebConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(passwordHash, "passwordHash");
        apiTokens = List.copyOf(apiTokens);
        publicPages = Set.copyOf(publicPages);
    }

    @Override
    public String toString() {
        return "WebConfig[enabled=" + enabled + ", bindAddress=" + bindAddress + ", port=" + port + ", tls=" + tls
                + ", stateDir=" + stateDir + ", passwordHash=" + (passwordHash.isPresent() ? "(set)" : "(none)")
                + ", apiTokens=(" + apiTokens.size() + " set), publicPages=" + publicPages + ", sessionIdleMinutes="
                + sessionIdleMinutes + ", sessionMaxMinutes=" + sessionMaxMinutes + ", maxBodyBytes=" + maxBodyBytes
                + ", maxUploadBytes=" + maxUploadBytes + "]";
    }
}
