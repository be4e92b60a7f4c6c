package io.minnow.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class SamplerTest {
    private static final float[] LOGITS = {1.0f, 3.0f, 2.0f, 0.5f, 2.9f};

    private static SamplingOptions options(float temperature, int topK, float topP, float minP, float penalty) {
        return new SamplingOptions(16, temperature, topK, topP, minP, penalty, OptionalLong.empty(), List.of());
    }

    private static int[] draws(SamplingOptions options, long seed, float[] logits, int count) {
        Sampler sampler = new Sampler(options, seed);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = sampler.sample(logits, new int[0], 0);
        }
        return out;
    }

    @Test
    void greedyPicksTheHighestLogit() {
        assertThat(new Sampler(SamplingOptions.GREEDY, 1).sample(LOGITS, new int[0], 0)).isEqualTo(1);
    }

    @Test
    void repetitionPenaltyTurnsGreedyAwayFromRecentTokens() {
        Sampler sampler = new Sampler(options(0f, 0, 1f, 0f, 1.5f), 1);
        assertThat(sampler.sample(LOGITS, new int[] {1}, 1)).isEqualTo(4);
    }

    @Test
    void repetitionPenaltyMakesNegativeLogitsMoreNegative() {
        float[] logits = {-1.0f, -1.2f};
        Sampler sampler = new Sampler(options(0f, 0, 1f, 0f, 1.5f), 1);
        assertThat(sampler.sample(logits, new int[] {0}, 1)).isEqualTo(1);
    }

    @Test
    void repetitionPenaltyOnlyLooksAtTheRecentWindow() {
        int[] history = new int[Sampler.PENALTY_WINDOW + 1];
        history[0] = 1;
        java.util.Arrays.fill(history, 1, history.length, 3);
        Sampler sampler = new Sampler(options(0f, 0, 1f, 0f, 10f), 1);
        assertThat(sampler.sample(LOGITS, history, history.length)).isEqualTo(1);
    }

    @Test
    void topKOfOneIsGreedyAtAnyTemperature() {
        assertThat(draws(options(5f, 1, 1f, 0f, 1f), 42, LOGITS, 200)).containsOnly(1);
    }

    @Test
    void topKKeepsOnlyTheKBest() {
        assertThat(draws(options(5f, 2, 1f, 0f, 1f), 42, LOGITS, 500)).containsOnly(1, 4).contains(1, 4);
    }

    @Test
    void topPKeepsTheSmallestHeadReachingTheMass() {
        // softmax(LOGITS): 1 -> 0.36, 4 -> 0.33, 2 -> 0.13 ...; 0.5 is reached by the two best.
        assertThat(draws(options(1f, 0, 0.5f, 0f, 1f), 7, LOGITS, 500)).containsOnly(1, 4).contains(1, 4);
    }

    @Test
    void minPDropsTokensFarLessLikelyThanTheBest() {
        // p(2)/p(1) = e^-1 = 0.37, p(0)/p(1) = e^-2 = 0.14: min_p 0.3 keeps 1, 4 and 2.
        assertThat(draws(options(1f, 0, 1f, 0.3f, 1f), 9, LOGITS, 2000)).containsOnly(1, 4, 2).contains(1, 4, 2);
    }

    @Test
    void sampledFrequenciesFollowTheSoftmax() {
        float[] logits = {0f, (float) Math.log(3)};
        int[] out = draws(options(1f, 0, 1f, 0f, 1f), 3, logits, 20_000);
        long ones = java.util.Arrays.stream(out).filter(t -> t == 1).count();
        assertThat(ones / 20_000.0).isBetween(0.73, 0.77);
    }

    @Test
    void lowTemperatureSharpensTheDistribution() {
        float[] logits = {0f, 1f};
        long hot = java.util.Arrays.stream(draws(options(1f, 0, 1f, 0f, 1f), 5, logits, 5000)).filter(t -> t == 0).count();
        long cold = java.util.Arrays.stream(draws(options(0.2f, 0, 1f, 0f, 1f), 5, logits, 5000)).filter(t -> t == 0).count();
        assertThat(cold).isLessThan(hot / 5);
    }

    @Test
    void sameSeedGivesTheSameTokensAndOtherSeedsDiffer() {
        float[] flat = new float[50];
        SamplingOptions options = options(1f, 0, 1f, 0f, 1f);
        assertThat(draws(options, 11, flat, 100)).containsExactly(draws(options, 11, flat, 100));
        assertThat(draws(options, 12, flat, 100)).isNotEqualTo(draws(options, 11, flat, 100));
    }

    @Test
    void tiesGoToTheLowerIdSoResultsDoNotDependOnSortOrder() {
        assertThat(draws(options(1f, 1, 1f, 0f, 1f), 1, new float[] {2f, 5f, 5f}, 50)).containsOnly(1);
    }
}
