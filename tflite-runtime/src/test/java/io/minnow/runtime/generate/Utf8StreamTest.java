package io.minnow.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class Utf8StreamTest {

    @Test
    void holdsACharacterUntilAllItsBytesArrive() {
        byte[] emoji = "🐟".getBytes(StandardCharsets.UTF_8);
        Utf8Stream stream = new Utf8Stream();
        assertThat(stream.append(new byte[] {'a', emoji[0]})).isEqualTo("a");
        assertThat(stream.append(new byte[] {emoji[1], emoji[2]})).isEmpty();
        assertThat(stream.append(new byte[] {emoji[3], 'b'})).isEqualTo("🐟b");
    }

    @Test
    void malformedBytesBecomeReplacementCharacters() {
        Utf8Stream stream = new Utf8Stream();
        assertThat(stream.append(new byte[] {'x', (byte) 0xff, 'y'})).isEqualTo("x\uFFFDy");
    }

    @Test
    void anUnfinishedCharacterAtTheEndBecomesAReplacementCharacter() {
        Utf8Stream stream = new Utf8Stream();
        assertThat(stream.append(new byte[] {'z', (byte) 0xe2, (byte) 0x82})).isEqualTo("z");
        assertThat(stream.finish()).isEqualTo("\uFFFD");
    }

    @Property(tries = 200)
    void anySplitOfTheBytesGivesWholeCharactersThatJoinToTheText(
            @ForAll String text, @ForAll @IntRange(min = 1, max = 5) int chunk) {
        String valid = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
        Utf8Stream stream = new Utf8Stream();
        List<String> deltas = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += chunk) {
            deltas.add(stream.append(Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk))));
        }
        deltas.add(stream.finish());
        for (String delta : deltas) {
            assertThat(new String(delta.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(delta);
        }
        assertThat(String.join("", deltas)).isEqualTo(valid);
    }
}
