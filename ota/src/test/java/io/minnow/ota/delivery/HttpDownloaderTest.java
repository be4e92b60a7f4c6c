package io.minnow.ota.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minnow.config.DeliveryConfig;
import io.minnow.ota.testing.FileServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpDownloaderTest {
    private static final int SIZE = 1 << 20;
    private static final DeliveryConfig FAST = new DeliveryConfig(0, 20_000, 20, 200, 0, 3, Optional.empty(), 5_000);

    @TempDir
    Path served;
    @TempDir
    Path state;

    /** Thrown from the progress callback: the agent dies there (like kill -9: no checkpoint after it). */
    private static final class Killed extends RuntimeException {
        Killed() {
            super("killed");
        }
    }

    private static byte[] bundle(long seed) {
        byte[] b = new byte[SIZE];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static HttpDownloader downloader(DeliveryConfig c) throws Exception {
        return new HttpDownloader(c, RateLimiter.of(c.rateLimitBytesPerSecond()), DiskSpace.SYSTEM,
                System::currentTimeMillis, RandomGenerator.getDefault());
    }

    /** Runs a download that is killed once {@code cut} bytes are on disk; returns the durable bytes left. */
    private static long killedAt(long cut, URI uri, String sha, Path dir) throws Exception {
        HttpDownloader first = downloader(FAST);
        assertThatThrownBy(() -> first.download(uri, sha, SIZE, dir, (bytes, size, rate) -> {
            if (bytes >= cut) {
                throw new Killed();
            }
        })).isInstanceOf(Killed.class);
        try (PartialDownload p = PartialDownload.open(dir, sha, SIZE)) {
            return p.bytes();
        }
    }

    @Test
    void aDownloadKilledAtRandomPointsWhileTheServerDiesResumesWithoutStartingOver() throws Exception {
        byte[] content = bundle(1);
        Files.write(served.resolve("b.minnow"), content);
        String sha = sha(content);
        Random random = new Random();
        try (FileServer server = new FileServer(served)) {
            Path dir = state.resolve("download");
            long kept = 0;
            for (int round = 0; round < 3; round++) {
                long cut = kept + HttpDownloader.CHECKPOINT_BYTES + random.nextInt(SIZE / 5);
                long now = killedAt(cut, server.uri("b.minnow"), sha, dir);
                assertThat(now).as("round %d keeps what it had", round).isGreaterThanOrEqualTo(cut).isGreaterThan(kept);
                kept = now;
            }
            // the server dies too; the restarted agent retries with backoff until it is back
            server.stop();
            HttpDownloader last = downloader(FAST);
            Thread restarter = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    server.start();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            restarter.start();
            Path file = last.download(server.uri("b.minnow"), sha, SIZE, dir, Progress.NONE);
            restarter.join();
            assertThat(Files.readAllBytes(file)).isEqualTo(content);
            assertThat(last.bytesFetched()).as("only the rest is fetched").isEqualTo(SIZE - kept);
            assertThat(server.ranges()).contains("bytes=" + kept + "-");
        }
    }

    @Test
    void aChangedFileOnTheServerRestartsTheDownloadCleanly() throws Exception {
        byte[] wrong = bundle(2);
        byte[] right = bundle(3);
        Path file = served.resolve("b.minnow");
        Files.write(file, wrong);
        String sha = sha(right);
        try (FileServer server = new FileServer(served)) {
            Path dir = state.resolve("download");
            long kept = killedAt(SIZE / 2, server.uri("b.minnow"), sha, dir);
            assertThat(kept).isGreaterThanOrEqualTo(SIZE / 2);
            Files.write(file, right);
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
            HttpDownloader again = downloader(FAST);
            Path got = again.download(server.uri("b.minnow"), sha, SIZE, dir, Progress.NONE);
            assertThat(Files.readAllBytes(got)).isEqualTo(right);
            assertThat(again.bytesFetched()).as("If-Range made the server send the whole new file").isEqualTo(SIZE);
        }
    }

    @Test
    void aFullDiskIsRefusedBeforeAnyByteIsFetched() throws Exception {
        byte[] content = bundle(4);
        Files.write(served.resolve("b.minnow"), content);
        try (FileServer server = new FileServer(served)) {
            DeliveryConfig c = new DeliveryConfig(0, 20_000, 20, 200, 4096, 3, Optional.empty(), 5_000);
            HttpDownloader d = new HttpDownloader(c, RateLimiter.of(0), dir -> 2L * SIZE, System::currentTimeMillis,
                    RandomGenerator.getDefault());
            assertThatThrownBy(() -> d.download(server.uri("b.minnow"), sha(content), SIZE, state.resolve("d"),
                    Progress.NONE))
                    .isInstanceOfSatisfying(DeliveryFailed.class, e -> assertThat(e.reason()).isEqualTo(DeliveryReason.DISK_FULL))
                    .hasMessageContaining("has " + 2L * SIZE + " bytes free; the release needs " + (2L * SIZE + 4096));
            assertThat(d.bytesFetched()).isZero();
            assertThat(server.ranges()).isEmpty();
        }
    }

    @Test
    void redirectsAreFollowedUpToTheLimit() throws Exception {
        byte[] content = bundle(5);
        Files.write(served.resolve("b.minnow"), content);
        try (FileServer server = new FileServer(served)) {
            Path got = downloader(FAST).download(server.uri("hop/3/b.minnow"), sha(content), SIZE, state.resolve("a"),
                    Progress.NONE);
            assertThat(Files.readAllBytes(got)).isEqualTo(content);
            assertThatThrownBy(() -> downloader(FAST).download(server.uri("hop/4/b.minnow"), sha(content), SIZE,
                    state.resolve("b"), Progress.NONE))
                    .isInstanceOfSatisfying(DeliveryFailed.class,
                            e -> assertThat(e.reason()).isEqualTo(DeliveryReason.TOO_MANY_REDIRECTS))
                    .hasMessageContaining("redirected more than 3 times");
        }
    }

    @Test
    void aSourceThatNeverAnswersIsGivenUpWithTheLastError() throws Exception {
        byte[] content = bundle(6);
        Files.write(served.resolve("b.minnow"), content);
        FileServer server = new FileServer(served);
        URI uri = server.uri("b.minnow");
        server.stop();
        AtomicLong clock = new AtomicLong();
        // a clock that moves 100 ms per reading: the give-up comes after a bounded number of attempts
        DeliveryConfig c = new DeliveryConfig(0, 2_000, 10, 40, 0, 3, Optional.empty(), 1_000);
        HttpDownloader d = new HttpDownloader(c, RateLimiter.of(0), DiskSpace.SYSTEM, () -> clock.addAndGet(100),
                RandomGenerator.getDefault());
        assertThatThrownBy(() -> d.download(uri, sha(content), SIZE, state.resolve("d"), Progress.NONE))
                .isInstanceOfSatisfying(DeliveryFailed.class,
                        e -> assertThat(e.reason()).isEqualTo(DeliveryReason.DOWNLOAD_TIMEOUT))
                .hasMessageContaining("gave up on " + uri + " after 2000 ms with 0 of " + SIZE + " bytes; last error:");
    }

    @Test
    void wrongBytesAreRefusedAfterRetries() throws Exception {
        Files.write(served.resolve("b.minnow"), bundle(7));
        try (FileServer server = new FileServer(served)) {
            HttpDownloader d = downloader(FAST);
            assertThatThrownBy(() -> d.download(server.uri("b.minnow"), sha(bundle(8)), SIZE, state.resolve("d"),
                    Progress.NONE))
                    .isInstanceOfSatisfying(DeliveryFailed.class,
                            e -> assertThat(e.reason()).isEqualTo(DeliveryReason.DIGEST_MISMATCH));
        }
    }

    @Test
    void theRateLimitPausesARealDownloadForItsBytes() throws Exception {
        byte[] content = bundle(9);
        Files.write(served.resolve("b.minnow"), content);
        long rate = 4L << 20;
        AtomicLong slept = new AtomicLong();
        RateLimiter limiter = new RateLimiter(rate, System::nanoTime, n -> {
            slept.addAndGet(n);
            Thread.sleep(n / 1_000_000, (int) (n % 1_000_000));
        });
        try (FileServer server = new FileServer(served)) {
            DeliveryConfig c = new DeliveryConfig(rate, 20_000, 20, 200, 0, 3, Optional.empty(), 5_000);
            HttpDownloader d = new HttpDownloader(c, limiter, DiskSpace.SYSTEM, System::currentTimeMillis,
                    RandomGenerator.getDefault());
            long start = System.nanoTime();
            d.download(server.uri("b.minnow"), sha(content), SIZE, state.resolve("d"), Progress.NONE);
            long elapsed = System.nanoTime() - start;
            // all but the initial quarter-second burst must be paid for in pauses: (1 MiB - 1 MiB) / 4 MiB/s
            long owed = (SIZE - rate / 4) * 1_000_000_000L / rate;
            assertThat(slept.get()).isGreaterThanOrEqualTo(owed - 1_000_000);
            assertThat(elapsed).isGreaterThanOrEqualTo(slept.get());
        }
    }
}
