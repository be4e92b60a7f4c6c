package io.minnow.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
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

    @Property(tries = 300)
    void anyChunkingReleasesExactlyTheTextBeforeTheFirstStop(
            @ForAll @CharRange(from = 'a', to = 'c') @StringLength(max = 40) String text,
            @ForAll @CharRange(from = 'a', to = 'c') @StringLength(min = 1, max = 3) String stop,
            @ForAll @IntRange(min = 1, max = 4) int chunk) {
        StopStrings stops = new StopStrings(List.of(stop));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && !stops.stopped(); i += chunk) {
            out.append(stops.accept(text.substring(i, Math.min(text.length(), i + chunk))));
        }
        out.append(stops.flush());
        int at = text.indexOf(stop);
        assertThat(out).hasToString(at < 0 ? text : text.substring(0, at));
        assertThat(stops.stopped()).isEqualTo(at >= 0);
    }
}
