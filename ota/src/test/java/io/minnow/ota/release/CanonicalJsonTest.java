package io.minnow.ota.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String canonical(String json) throws Exception {
        return new String(CanonicalJson.bytes(JSON.readTree(json)), StandardCharsets.UTF_8);
    }

    @Test
    void sameValueGivesTheSameBytesWhateverTheKeyOrderAndSpacing() throws Exception {
        assertThat(canonical("{ \"b\" : [1, {\"y\":true, \"x\":null}], \"a\" : \"\u00e9\\n\" }"))
                .isEqualTo(canonical("{\"a\":\"\u00e9\\n\",\"b\":[1,{\"x\":null,\"y\":true}]}"))
                .isEqualTo("{\"a\":\"\u00e9\\n\",\"b\":[1,{\"x\":null,\"y\":true}]}");
    }

    @Test
    void refusesFloatsWhichHaveSeveralSpellings() {
        assertThatThrownBy(() -> canonical("{\"a\": 1.0}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("integers only");
    }

    @Test
    void aSignatureCoversEveryValue() throws Exception {
        var key = Ed25519.generate();
        Envelope e = Envelope.sign(JSON.readTree("{\"type\":\"t\",\"n\":1}"), key.getPrivate(), Ed25519.keyId(key.getPublic()));
        assertThat(e.verifiedBy(key.getPublic())).isTrue();
        Envelope changed = new Envelope(JSON.readTree("{\"type\":\"t\",\"n\":2}"), e.keyId(), e.signature());
        assertThat(changed.verifiedBy(key.getPublic())).isFalse();
        assertThat(e.verifiedBy(Ed25519.generate().getPublic())).isFalse();
    }
}
