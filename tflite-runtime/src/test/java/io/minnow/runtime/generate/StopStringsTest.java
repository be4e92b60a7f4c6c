package io.minnow.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
}
