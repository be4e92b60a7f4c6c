package io.minnow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSectionTest {
    private static final String HASH = "pbkdf2-sha256$210000$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=";

    @Test
    void defaultsServeThePageOnLoopback8080WithNothingPublic() throws ConfigException {
        WebConfig w = ConfigLoader.parse("", "test").web();
        assertThat(w.enabled()).isTrue();
        assertThat(w.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(w.port()).isEqualTo(8080);
        assertThat(w.tls()).isEmpty();
        assertThat(w.publicPages()).isEmpty();
        assertThat(w.apiTokens()).isEmpty();
        assertThat(w.passwordHash()).isEmpty();
        assertThat(w.maxUploadBytes()).isEqualTo(256L << 20);
        assertThat(w.stateDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".minnow"));
    }

    @Test
    void readsEverySetting(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        Path key = Files.writeString(dir.resolve("k.pem"), "x");
        WebConfig w = ConfigLoader.parse("""
                web:
                  enabled: true
                  bind_address: 0.0.0.0
                  port: 8443
                  tls_cert_file: %s
                  tls_key_file: %s
                  state_dir: %s
                  password_hash: "%s"
                  api_tokens: [0123456789abcdef0123, another-token-of-16+]
                  public: [health, metrics]
                  session_idle_minutes: 10
                  session_max_minutes: 60
                  max_body_bytes: 2048
                  max_upload_bytes: 1048576
                """.formatted(cert, key, dir, HASH), "test").web();
        assertThat(w.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(w.port()).isEqualTo(8443);
        assertThat(w.tls()).hasValue(new WebConfig.WebTls(cert, key));
        assertThat(w.stateDir()).isEqualTo(dir);
        assertThat(w.passwordHash()).hasValue(HASH);
        assertThat(w.apiTokens()).containsExactly("0123456789abcdef0123", "another-token-of-16+");
        assertThat(w.publicPages()).containsExactlyInAnyOrder(WebConfig.PublicPage.HEALTH, WebConfig.PublicPage.METRICS);
        assertThat(w.sessionIdleMinutes()).isEqualTo(10);
        assertThat(w.sessionMaxMinutes()).isEqualTo(60);
        assertThat(w.maxBodyBytes()).isEqualTo(2048);
        assertThat(w.maxUploadBytes()).isEqualTo(1_048_576);
        assertThat(w.toString()).doesNotContain(HASH, "0123456789abcdef0123");
    }

    @Test
    void namesEveryBadSettingWithoutShowingSecrets() {
        assertThatThrownBy(() -> ConfigLoader.parse("""
                web:
                  enabled: yes please
                  port: 70000
                  tls_cert_file: /nonexistent.pem
                  password_hash: "pbkdf2-sha256$1000$c2FsdA==$aGFzaA=="
                  api_tokens: [short-secret]
                  public: [health, admin]
                  colour: blue
                """, "test"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("web.enabled: \"yes please\" is not valid; expected true or false")
                .hasMessageContaining("web.port: 70000 is not valid; expected an integer from 0 to 65535")
                .hasMessageContaining("web.tls_cert_file: \"/nonexistent.pem\" is not valid")
                .hasMessageContaining("web.tls_key_file: (missing)")
                .hasMessageContaining("web.password_hash: (a value that is not shown) is not valid; expected "
                        + "pbkdf2-sha256$ITERATIONS$SALT$HASH with at least 210000 iterations")
                .hasMessageContaining("web.api_tokens[0]: (a text that is not shown) is not valid")
                .hasMessageContaining("web.public: \"admin\" is not valid; expected a list of health, metrics, dashboard")
                .hasMessageContaining("web.colour: unknown setting")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short-secret", "aGFzaA=="));
    }
}
