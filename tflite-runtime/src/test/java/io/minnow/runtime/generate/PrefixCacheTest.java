package io.minnow.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrefixCacheTest {

    private record Fake(int length, long sizeBytes) implements LmSnapshot {
    }

    @Test
    void findsTheEntrySharingTheLongestPrefix() {
        PrefixCache cache = new PrefixCache(1000);
        Fake shortOne = new Fake(2, 10);
        Fake longOne = new Fake(4, 10);
        cache.put(new int[] {1, 2}, shortOne);
        cache.put(new int[] {1, 2, 3, 9}, longOne);
        PrefixCache.Hit hit = cache.lookup(new int[] {1, 2, 3, 4, 5}).orElseThrow();
        assertThat(hit.snapshot()).isSameAs(longOne);
        assertThat(hit.length()).isEqualTo(3);
    }

    @Test
    void leavesTheLastPromptTokenToCompute() {
        PrefixCache cache = new PrefixCache(1000);
        cache.put(new int[] {1, 2, 3}, new Fake(3, 10));
        assertThat(cache.lookup(new int[] {1, 2, 3}).orElseThrow().length()).isEqualTo(2);
        assertThat(cache.lookup(new int[] {1})).isEmpty();
    }

    @Test
    void missesWhenNothingIsShared() {
        PrefixCache cache = new PrefixCache(1000);
        cache.put(new int[] {1, 2, 3}, new Fake(3, 10));
        assertThat(cache.lookup(new int[] {7, 2, 3})).isEmpty();
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondTheByteBound() {
        PrefixCache cache = new PrefixCache(25);
        cache.put(new int[] {1}, new Fake(1, 10));
        cache.put(new int[] {2}, new Fake(1, 10));
        cache.lookup(new int[] {1, 5});
        cache.put(new int[] {3}, new Fake(1, 10));
        assertThat(cache.entries()).isEqualTo(2);
        assertThat(cache.sizeBytes()).isEqualTo(20);
        assertThat(cache.lookup(new int[] {2, 5})).isEmpty();
        assertThat(cache.lookup(new int[] {1, 5})).isPresent();
    }

    @Test
    void aZeroSizedCacheKeepsNothing() {
        PrefixCache cache = new PrefixCache(0);
        cache.put(new int[] {1, 2}, new Fake(2, 1));
        assertThat(cache.lookup(new int[] {1, 2, 3})).isEmpty();
    }

    @Test
    void rejectsASnapshotOfOtherTokens() {
        assertThatThrownBy(() -> new PrefixCache(10).put(new int[] {1, 2}, new Fake(3, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("covers 3 tokens");
    }
}
