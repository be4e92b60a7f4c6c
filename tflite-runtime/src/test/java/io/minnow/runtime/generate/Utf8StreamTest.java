package io.minnow.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
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

    @Test
    void anySplitOfTheBytesGivesWholeCharactersThatJoinToTheText() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            anySplitGivesWholeCharacters(randomText(random), 1 + random.nextInt(5));
        }
    }

    /** Code points of one to four UTF-8 bytes, and now and then a lone surrogate (which encodes as '?'). */
    private static String randomText(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(30); n > 0; n--) {
            switch (random.nextInt(5)) {
                case 0 -> s.appendCodePoint(random.nextInt(0x80));
                case 1 -> s.appendCodePoint(random.nextInt(0x80, 0x800));
                case 2 -> s.appendCodePoint(random.nextInt(0x800, 0xD800));
                case 3 -> s.appendCodePoint(random.nextInt(0x10000, 0x110000));
                default -> s.append((char) random.nextInt(Character.MIN_SURROGATE, Character.MAX_SURROGATE + 1));
            }
        }
        return s.toString();
    }

    private static void anySplitGivesWholeCharacters(String text, int chunk) {
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
        assertThat(String.join("", deltas)).as("chunks of %d bytes", chunk).isEqualTo(valid);
    }
}
