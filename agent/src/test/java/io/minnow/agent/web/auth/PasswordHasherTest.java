package io.minnow.agent.web.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void verifiesTheRightPasswordOnlyAndSaltsEveryHash() {
        String hash = PasswordHasher.hash("pump-room-7".toCharArray(), new SecureRandom());
        assertThat(hash).matches("pbkdf2-sha256\\$210000\\$[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}");
        assertThat(PasswordHasher.verify("pump-room-7".toCharArray(), hash)).isTrue();
        assertThat(PasswordHasher.verify("pump-room-8".toCharArray(), hash)).isFalse();
        assertThat(PasswordHasher.hash("pump-room-7".toCharArray(), new SecureRandom())).isNotEqualTo(hash);
    }

    @Test
    void refusesAHashWithTooFewIterations() {
        assertThatThrownBy(() -> PasswordHasher.verify("x".toCharArray(), "pbkdf2-sha256$1000$c2FsdA==$aGFzaA=="))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 210000 iterations");
    }
}
