package io.minnow.agent.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.agent.testing.FakeGenerator;
import io.minnow.agent.web.auth.PasswordStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login, sessions, CSRF, throttling and security headers, over real HTTP to a real server. */
class WebAuthTest {
    @TempDir
    Path dir;
    WebFixture web;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(dir, () -> new FakeGenerator(0), "workers: 1", "");
    }

    @AfterEach
    void stop() {
        web.close();
    }

    @Test
    void firstStartWritesAOneTimePasswordReadableOnlyByTheAgentAndAsksToChangeIt() throws Exception {
        Path initial = web.stateDir.resolve(PasswordStore.INITIAL_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(initial))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                web.stateDir.resolve(PasswordStore.HASH_FILE)))).isEqualTo("rw-------");
        assertThat(Files.readString(web.stateDir.resolve(PasswordStore.HASH_FILE)))
                .startsWith("pbkdf2-sha256$210000$").doesNotContain(web.oneTimePassword());

        WebFixture.Login first = web.login(web.oneTimePassword());
        assertThat(WebFixture.json(web.get("/api/session", "Cookie", first.cookie())).get("must_change_password")
                .asBoolean()).isTrue();
        assertThat(web.get("/api/model", first.headers()).statusCode()).as("everything else waits for the change")
                .isEqualTo(403);
        assertThat(web.post("/api/password", "{\"current\": \"" + web.oneTimePassword() + "\", \"new\": \"short\"}",
                first.headers()).body()).contains("expected 8 to 1024");
        assertThat(web.post("/api/password", "{\"current\": \"wrong-password\", \"new\": \"pump-room-7\"}",
                first.headers()).statusCode()).isEqualTo(403);
        assertThat(web.post("/api/password", "{\"current\": \"" + web.oneTimePassword()
                + "\", \"new\": \"pump-room-7\"}", first.headers()).statusCode()).isEqualTo(200);
        assertThat(initial).doesNotExist();
        assertThat(web.get("/api/model", first.headers()).statusCode()).isEqualTo(200);
        assertThat(web.post("/api/login", "{\"password\": \"pump-room-7\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIsRefusedAndTheSessionCookieIsHttpOnlyAndStrict() throws Exception {
        HttpResponse<String> wrong = web.post("/api/login", "{\"password\": \"not-the-password\"}");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> ok = web.post("/api/login", "{\"password\": \"" + web.oneTimePassword() + "\"}");
        assertThat(ok.statusCode()).isEqualTo(200);
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("minnow_session=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict")
                .contains("Path=/").doesNotContain("Secure");
    }

    @Test
    void privateRoutesNeedASessionAndLogoutEndsIt() throws Exception {
        assertThat(web.get("/api/model").statusCode()).isEqualTo(401);
        assertThat(web.get("/api/events").statusCode()).isEqualTo(401);
        assertThat(web.get("/api/log").statusCode()).isEqualTo(401);
        assertThat(web.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(web.get("/healthz").statusCode()).as("nothing is public by default").isEqualTo(401);
        assertThat(web.get("/api/model", "Cookie", "minnow_session=forged").statusCode()).isEqualTo(401);
        WebFixture.Login s = web.firstLogin("pump-room-7");
        assertThat(web.get("/api/model", s.headers()).statusCode()).isEqualTo(200);
        assertThat(web.post("/api/logout", "{}", s.headers()).statusCode()).isEqualTo(200);
        assertThat(web.get("/api/model", s.headers()).statusCode()).isEqualTo(401);
    }

    @Test
    void stateChangingRequestsNeedTheCsrfTokenFromTheSameOrigin() throws Exception {
        WebFixture.Login s = web.firstLogin("pump-room-7");
        assertThat(web.post("/api/mqtt/restart", "{}", "Cookie", s.cookie()).statusCode()).isEqualTo(403);
        assertThat(web.post("/api/mqtt/restart", "{}", "Cookie", s.cookie(), "X-CSRF-Token", "guess").statusCode())
                .isEqualTo(403);
        assertThat(web.post("/api/mqtt/restart", "{}", s.headers("Origin", "http://evil.example")).statusCode())
                .isEqualTo(403);
        assertThat(web.post("/api/mqtt/restart", "{}", s.headers("Sec-Fetch-Site", "cross-site")).statusCode())
                .isEqualTo(403);
        assertThat(web.post("/api/login", "{\"password\": \"pump-room-7\"}", "Origin", "http://evil.example")
                .statusCode()).as("login CSRF").isEqualTo(403);
        assertThat(web.brokerRestarts.get()).isZero();
        assertThat(web.post("/api/mqtt/restart", "{}", s.headers("Origin", web.base)).statusCode()).isEqualTo(202);
        assertThat(web.brokerRestarts.get()).isOne();
    }

    @Test
    void repeatedWrongPasswordsSlowTheClientDown() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(web.post("/api/login", "{\"password\": \"wrong-" + i + "\"}").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = web.post("/api/login", "{\"password\": \"" + web.oneTimePassword() + "\"}");
        assertThat(throttled.statusCode()).as("even the right password waits its turn").isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(throttled.body()).contains("too many wrong passwords");
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        for (String path : new String[] {"/", "/static/app.js", "/api/session", "/api/model", "/nowhere"}) {
            HttpResponse<String> r = web.get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
                    assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline"));
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("Cache-Control")).as(path)
                    .hasValue(path.startsWith("/static/") ? "no-cache" : "no-store");
            assertThat(r.headers().firstValue("Server")).as(path).isEmpty();
        }
        assertThat(web.get("/").body()).doesNotContain("<script>").contains("<script src=");
    }

    @Test
    void oversizedHeadersAreRefused() throws Exception {
        HttpResponse<String> r = web.get("/api/session", "X-Filler", "x".repeat(10_000));
        assertThat(r.statusCode()).isEqualTo(431);
        assertThat(r.body()).startsWith("{\"error\"");
    }

    @Test
    void publicPagesAreAConfigurationChoice(@TempDir Path other) throws Exception {
        try (WebFixture open = new WebFixture(other, () -> new FakeGenerator(0), "workers: 1", "public: [health]")) {
            assertThat(open.get("/healthz").statusCode()).isEqualTo(200);
            assertThat(open.get("/readyz").statusCode()).isEqualTo(200);
            open.brokerUp.set(false);
            assertThat(open.get("/readyz").statusCode()).isEqualTo(503);
            assertThat(open.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(open.get("/metrics", "Authorization", "Bearer " + WebFixture.TOKEN).statusCode())
                    .as("a scraper reads metrics with an API token").isEqualTo(200);
            assertThat(open.post("/api/mqtt/restart", "{}").statusCode()).isEqualTo(401);
        }
    }
}
