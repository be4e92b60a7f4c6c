package io.minnow.ota.delivery;

import io.minnow.config.DeliveryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads a release's bundle from an ordinary HTTP(S) file server into a {@link PartialDownload}, resuming
 * with {@code Range} where the last attempt (or the last run of the agent) stopped. {@code If-Range} with the
 * file's ETag (or Last-Modified) makes a server whose file changed send the whole new file, and the download
 * restarts cleanly. Redirects are followed by hand, at most {@code max_redirects}; HTTPS trusts the
 * configured CA file. Failed attempts are retried with backoff and jitter until {@code give_up_after_ms}; the
 * speed is held under {@code rate_limit_bytes_per_s}. The bundle's SHA-256 is checked before it is returned;
 * the store's verifier checks everything again. Thread-safe; one download per directory at a time.
 */
public final class HttpDownloader {
    private static final Logger LOG = LoggerFactory.getLogger(HttpDownloader.class);
    /** Durable checkpoints at least this often (bytes), so a power cut costs at most this much. */
    static final int CHECKPOINT_BYTES = 64 * 1024;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final DeliveryConfig config;
    /** The CA file's trust, checked when the downloader is made; empty: the JDK's, made with the client. */
    private final Optional<SSLContext> caTrust;
    /**
     * Made on the first download, not at start: the JDK's default TLS set-up costs start-up time on a small
     * board that may never download (and under 32-bit qemu-user it cannot even list its policy directory).
     */
    private HttpClient client; // guarded by this
    private final RateLimiter limiter;
    private final DiskSpace disk;
    private final LongSupplier millis;
    private final RandomGenerator random;
    private final AtomicLong fetched = new AtomicLong();

    public HttpDownloader(DeliveryConfig config, RateLimiter limiter, DiskSpace disk, LongSupplier millis,
            RandomGenerator random) throws IOException {
        this.config = config;
        this.limiter = limiter;
        this.disk = disk;
        this.millis = millis;
        this.random = random;
        this.caTrust = config.caFile().isPresent() ? Optional.of(Tls.context(config.caFile())) : Optional.empty();
    }

    private synchronized HttpClient client() throws IOException {
        if (client == null) {
            client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofMillis(config.requestTimeoutMs()))
                    .sslContext(caTrust.isPresent() ? caTrust.get() : Tls.context(Optional.empty())).build();
        }
        return client;
    }

    /** A downloader on the system clock with the configured rate. */
    public static HttpDownloader of(DeliveryConfig config) throws IOException {
        return new HttpDownloader(config, RateLimiter.of(config.rateLimitBytesPerSecond()), DiskSpace.SYSTEM,
                System::currentTimeMillis, RandomGenerator.getDefault());
    }

    /** Bytes received from servers by this downloader, over all its downloads (including bytes thrown away). */
    public long bytesFetched() {
        return fetched.get();
    }

    /**
     * Downloads {@code url} into {@code dir} until it is the bundle with {@code sha256} and {@code size}.
     *
     * @return the complete, hash-checked file ({@code dir/bundle.part})
     * @throws DeliveryFailed with {@code disk_full} before any byte is fetched if space is short, {@code
     *     too_many_redirects}, or {@code download_timeout} naming the last error once the time is up
     */
    public Path download(URI url, String sha256, long size, Path dir, Progress progress)
            throws DeliveryFailed, InterruptedException {
        long deadline = millis.getAsLong() + config.giveUpAfterMs();
        Backoff backoff = new Backoff(config.retryInitialMs(), config.retryMaxMs(), random);
        try (PartialDownload part = PartialDownload.open(dir, sha256, size)) {
            checkDisk(dir, part);
            String lastError = "no attempt";
            int digestFailures = 0;
            while (true) {
                if (part.bytes() == size) {
                    if (part.matches()) {
                        return part.file();
                    }
                    if (++digestFailures >= 3) {
                        throw new DeliveryFailed(DeliveryReason.DIGEST_MISMATCH, url + " sent " + size
                                + " bytes that do not hash to the release's SHA-256, " + digestFailures + " times");
                    }
                    LOG.warn("{}: the bytes do not hash to the release's SHA-256; downloading again", url);
                    part.restart(Optional.empty(), Optional.empty());
                }
                long before = part.bytes();
                try {
                    attempt(url, part, progress);
                    continue;
                } catch (IOException e) {
                    lastError = e.getMessage() == null ? e.toString() : e.getMessage();
                    part.checkpoint();
                } finally {
                    if (part.bytes() > before) {
                        backoff.reset();
                    }
                }
                long pause = backoff.nextMs();
                if (millis.getAsLong() + pause > deadline) {
                    throw new DeliveryFailed(DeliveryReason.DOWNLOAD_TIMEOUT, "gave up on " + url + " after "
                            + config.giveUpAfterMs() + " ms with " + part.bytes() + " of " + size
                            + " bytes; last error: " + lastError);
                }
                LOG.info("{}: {}; {} of {} bytes kept, retrying in {} ms", url, lastError, part.bytes(), size, pause);
                Thread.sleep(pause);
            }
        } catch (IOException e) {
            throw new DeliveryFailed(DeliveryReason.STORE_ERROR, "cannot write the download in " + dir + ": "
                    + e.getMessage());
        }
    }

    private static boolean changed(Optional<String> recorded, Optional<String> now) {
        return recorded.isPresent() && now.isPresent() && !recorded.get().equals(now.get());
    }

    private void checkDisk(Path dir, PartialDownload part) throws IOException, DeliveryFailed {
        // the rest of the download, then the store's staged copy of the whole bundle, then the margin
        long need = (part.size() - part.bytes()) + part.size() + config.diskMarginBytes();
        long free = disk.usableBytes(dir);
        if (free < need) {
            throw new DeliveryFailed(DeliveryReason.DISK_FULL, dir + " has " + free + " bytes free; the release needs "
                    + need + " (" + (part.size() - part.bytes()) + " still to download, " + part.size()
                    + " for the store's copy, " + config.diskMarginBytes() + " margin)");
        }
    }

    /** One request (following redirects) that appends what it receives; IOException means retry. */
    private void attempt(URI url, PartialDownload part, Progress progress) throws IOException, InterruptedException,
            DeliveryFailed {
        URI target = url;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<InputStream> r = client().send(request(target, part), HttpResponse.BodyHandlers.ofInputStream());
            int status = r.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                r.body().close();
                Optional<String> location = r.headers().firstValue("Location");
                if (location.isEmpty()) {
                    throw new IOException(target + " answered " + status + " without a Location");
                }
                if (redirects >= config.maxRedirects()) {
                    throw new DeliveryFailed(DeliveryReason.TOO_MANY_REDIRECTS, url + " redirected more than "
                            + config.maxRedirects() + " times (ota.delivery.max_redirects)");
                }
                target = target.resolve(location.get());
                continue;
            }
            try (InputStream body = r.body()) {
                receive(target, r, body, part, progress);
            }
            return;
        }
    }

    private HttpRequest request(URI target, PartialDownload part) {
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofMillis(config.requestTimeoutMs()))
                .GET();
        Optional<String> validator = part.etag().filter(e -> !e.startsWith("W/")).or(part::lastModified);
        if (part.bytes() > 0 && validator.isPresent()) {
            b.header("Range", "bytes=" + part.bytes() + "-").header("If-Range", validator.get());
        }
        return b.build();
    }

    private void receive(URI target, HttpResponse<InputStream> r, InputStream body, PartialDownload part,
            Progress progress) throws IOException, InterruptedException {
        int status = r.statusCode();
        Optional<String> etag = r.headers().firstValue("ETag");
        Optional<String> modified = r.headers().firstValue("Last-Modified");
        if (status == 200) {
            long length = r.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (length >= 0 && length != part.size()) {
                throw new IOException(target + " serves " + length + " bytes; the release's bundle has " + part.size());
            }
            if (part.bytes() > 0) {
                LOG.info("{}: the server sent the whole file (it changed or ignores ranges); starting over", target);
            }
            part.restart(etag, modified);
        } else if (status == 206) {
            // not every server honours If-Range (Jetty's ResourceHandler does not): a 206 of another version
            // of the file is caught here, before a byte of it is mixed with ours
            if (changed(part.etag(), etag) || (part.etag().isEmpty() && changed(part.lastModified(), modified))) {
                part.restart(etag, modified);
                throw new IOException(target + " changed since the download began (ETag or Last-Modified differs); "
                        + "starting over");
            }
            String range = r.headers().firstValue("Content-Range").orElse("");
            Matcher m = CONTENT_RANGE.matcher(range.toLowerCase(Locale.ROOT));
            if (!m.matches() || Long.parseLong(m.group(1)) != part.bytes()
                    || (!"*".equals(m.group(3)) && Long.parseLong(m.group(3)) != part.size())) {
                part.restart(Optional.empty(), Optional.empty());
                throw new IOException(target + " sent range '" + range + "' for a request from byte " + part.bytes()
                        + "; starting over");
            }
        } else if (status == 416) {
            part.restart(Optional.empty(), Optional.empty());
            throw new IOException(target + " cannot serve from byte " + part.bytes() + " (416); starting over");
        } else {
            throw new IOException(target + " answered HTTP " + status);
        }
        byte[] buf = new byte[16 * 1024];
        long started = System.nanoTime();
        long got = 0;
        for (int n; (n = body.read(buf)) > 0; ) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            fetched.addAndGet(n);
            limiter.acquire(n);
            part.write(buf, 0, n);
            got += n;
            if (part.unsynced() >= CHECKPOINT_BYTES) {
                part.checkpoint();
                long nanos = Math.max(1, System.nanoTime() - started);
                progress.advanced(part.bytes(), part.size(), got * 1_000_000_000L / nanos);
            }
        }
        part.checkpoint();
        long nanos = Math.max(1, System.nanoTime() - started);
        progress.advanced(part.bytes(), part.size(), got * 1_000_000_000L / nanos);
        if (part.bytes() < part.size()) {
            throw new IOException(target + " ended the body at byte " + part.bytes() + " of " + part.size());
        }
    }
}
