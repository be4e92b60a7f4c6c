package io.minnow.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StopStringsTest {

    @Test
    void matchesAStopStringSplitOverSeveralChunksAndNeverReleasesIt() {
        StopStrings stops = new StopStrings(List.of("\nUser:"));
        StringBuilder out = new StringBuilder();
        for (String chunk : List.of("Hello", " there\n", "Us", "er", ": more")) {
            out.append(stops.accept(chunk));
        }
        assertThat(stops.stopped()).isTrue();
        assertThat(out).hasToString("Hello there");
    }

    @Test
    void holdsBackAPossibleStartAndReleasesItWhenItDiverges() {
        StopStrings stops = new StopStrings(List.of("END"));
        assertThat(stops.accept("abcE")).isEqualTo("abc");
        assertThat(stops.accept("N")).isEmpty();
        assertThat(stops.accept("x")).isEqualTo("ENx");
        assertThat(stops.stopped()).isFalse();
    }

    @Test
    void theEarliestOfSeveralStopStringsWins() {
        StopStrings stops = new StopStrings(List.of("world", "lo w"));
        assertThat(stops.accept("hello world")).isEqualTo("hel");
    }

    @Test
    void flushReleasesHeldTextWhenGenerationEndsForAnotherReason() {
        StopStrings stops = new StopStrings(List.of("###"));
        assertThat(stops.accept("answer ##")).isEqualTo("answer ");
        assertThat(stops.flush()).isEqualTo("##");
    }

    @Test
    void nothingIsReleasedAfterAMatch() {
        StopStrings stops = new StopStrings(List.of("."));
        assertThat(stops.accept("one. two")).isEqualTo("one");
        assertThat(stops.accept("three")).isEmpty();
        assertThat(stops.flush()).isEmpty();
    }

    @Test
    void withoutStopStringsEverythingPassesStraightThrough() {
        StopStrings stops = new StopStrings(List.of());
        assertThat(stops.accept("abc")).isEqualTo("abc");
    }

    @Test
    void anyChunkingReleasesExactlyTheTextBeforeTheFirstStop() {
        // A three-letter alphabet makes partial and overlapping matches of the stop string frequent.
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 1000; trial++) {
            releasesTheTextBeforeTheFirstStop(letters(random, random.nextInt(41)), letters(random, 1 + random.nextInt(3)),
                    1 + random.nextInt(4));
        }
    }

    private static String letters(SplittableRandom random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append((char) ('a' + random.nextInt(3)));
        }
        return s.toString();
    }

    private static void releasesTheTextBeforeTheFirstStop(String text, String stop, int chunk) {
        StopStrings stops = new StopStrings(List.of(stop));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && !stops.stopped(); i += chunk) {
            out.append(stops.accept(text.substring(i, Math.min(text.length(), i + chunk))));
        }
        out.append(stops.flush());
        int at = text.indexOf(stop);
        assertThat(out).as("text %s, stop %s, chunks of %d", text, stop, chunk).hasToString(at < 0 ? text : text.substring(0, at));
        assertThat(stops.stopped()).isEqualTo(at >= 0);
    }
}
