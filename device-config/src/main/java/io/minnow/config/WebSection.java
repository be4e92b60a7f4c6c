package io.minnow.config;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code web:} section into a {@link WebConfig}. Stateless. */
final class WebSection {
    /** OWASP's 2023 minimum for PBKDF2-HMAC-SHA256. */
    static final int MIN_ITERATIONS = 210_000;
    private static final Pattern HASH = Pattern.compile("pbkdf2-sha256\\$(\\d{1,9})\\$[A-Za-z0-9+/]+=*\\$[A-Za-z0-9+/]+=*");
    private static final String TOKEN = "[A-Za-z0-9._~+/=-]{16,256}";
    private static final String HOST = "[A-Za-z0-9.:_-]{1,253}";

    private WebSection() {}

    static WebConfig read(Section s) {
        boolean enabled = s.bool("enabled", true);
        String bind = s.string("bind_address", "127.0.0.1", HOST,
                "an IP address or host name to listen on, like 127.0.0.1 or 0.0.0.0");
        int port = (int) s.integer("port", 8080, 0, 65_535);
        Optional<Path> cert = s.readableFile("tls_cert_file");
        Optional<Path> key = s.readableFile("tls_key_file");
        if (s.has("tls_cert_file") != s.has("tls_key_file")) {
            s.problem(s.has("tls_cert_file") ? "tls_key_file" : "tls_cert_file", "(missing)",
                    "tls_cert_file and tls_key_file together (PEM certificate chain and its PKCS#8 private key)");
        }
        Optional<WebConfig.WebTls> tls = cert.isPresent() && key.isPresent()
                ? Optional.of(new WebConfig.WebTls(cert.get(), key.get())) : Optional.empty();
        Path stateDir = Path.of(s.string("state_dir", defaultStateDir().toString(), ".+", "a directory path"));
        Optional<String> hash = s.optionalString("password_hash");
        if (hash.isPresent()) {
            Matcher m = HASH.matcher(hash.get());
            if (!m.matches() || Long.parseLong(m.group(1)) < MIN_ITERATIONS) {
                s.problem("password_hash", "(a value that is not shown)", "pbkdf2-sha256$ITERATIONS$SALT$HASH with"
                        + " at least " + MIN_ITERATIONS + " iterations, as `minnow passwd --print` writes it");
                hash = Optional.empty();
            }
        }
        List<String> tokens = s.strings("api_tokens", TOKEN, "bearer tokens of 16 to 256 letters, digits or ._~+/=-"
                + " (e.g. from `openssl rand -hex 24`)");
        Set<WebConfig.PublicPage> pages = EnumSet.noneOf(WebConfig.PublicPage.class);
        for (String p : s.strings("public", "[a-z]+", "a list of health, metrics, dashboard")) {
            try {
                pages.add(WebConfig.PublicPage.valueOf(p.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                s.problem("public", "\"" + p + "\"", "a list of health, metrics, dashboard");
            }
        }
        int idle = (int) s.integer("session_idle_minutes", 30, 1, 24 * 60);
        int max = (int) s.integer("session_max_minutes", 12 * 60, 1, 7 * 24 * 60);
        int body = (int) s.integer("max_body_bytes", 65_536, 1_024, 16_777_216);
        long upload = s.integer("max_upload_bytes", 256L << 20, 1L << 20, 4L << 30);
        s.rejectUnknown();
        return new WebConfig(enabled, bind, port, tls, stateDir, hash, tokens, pages, idle, Math.max(idle, max), body,
                upload);
    }

    /** {@code ~/.minnow}: writable by the agent's user with nothing set up (a package sets /var/lib/minnow). */
    static Path defaultStateDir() {
        return Path.of(System.getProperty("user.home"), ".minnow");
    }
}
