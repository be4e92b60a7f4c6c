package io.minnow.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SamplingOptionsTest {

    private final SamplingOptions base = SamplingOptions.DEFAULT.withSeedAndStop(OptionalLong.of(7), List.of("\n"));

    @Test
    void overridingReplacesOnlyTheGivenValuesAndKeepsSeedAndStop() {
        SamplingOptions o = base.overriddenBy(null, 0f, null, null, 0.2f, null);
        assertThat(o).isEqualTo(new SamplingOptions(128, 0f, 40, 0.95f, 0.2f, 1.1f, OptionalLong.of(7), List.of("\n")));
        assertThat(base.overriddenBy(null, null, null, null, null, null)).isEqualTo(base);
    }

    @Test
    void overridingWithAValueOutOfRangeNamesTheOption() {
        assertThatThrownBy(() -> base.overriddenBy(null, null, null, 1.5f, null, null))
                .isInstanceOfSatisfying(SamplingOptions.InvalidOption.class, e -> {
                    assertThat(e.field()).isEqualTo("top_p");
                    assertThat(e.problem()).isEqualTo("is 1.5; expected a number in (0, 1]");
                });
    }
}
