package io.minnow.agent.web.page;

import io.minnow.agent.ota.OtaService;
import io.minnow.agent.web.http.Json;
import io.minnow.agent.web.http.OnceCallback;
import io.minnow.ota.store.Attempt;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/update}, {@code multipart/form-data} with a {@code bundle} (the {@code .minnow}) and its
 * {@code release} file: the signed update a technician brought on a laptop. The files are spooled to the state
 * directory (never more than {@code web.max_upload_bytes}) and handed to the OTA updater exactly as {@code
 * minnow install} hands them over: same verification, same store, same self-test and health window. Answers
 * the attempt (409 when it was refused). Thread-safe.
 */
public final class UploadHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(UploadHandler.class);
    private final Optional<OtaService> ota;
    private final Path spool;
    private final long maxBytes;

    public UploadHandler(Optional<OtaService> ota, Path spool, long maxBytes) {
        this.ota = ota;
        this.spool = spool;
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        OnceCallback done = new OnceCallback(callback);
        if (!HttpMethod.POST.is(request.getMethod())) {
            Json.error(response, done, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST");
            return true;
        }
        if (ota.isEmpty() || ota.get().updater() == null) {
            Json.error(response, done, HttpStatus.CONFLICT_409, "this agent runs without a model store; it takes no"
                    + " updates");
            return true;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            Json.error(response, done, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415, "expected multipart/form-data with a"
                    + " bundle and a release file");
            return true;
        }
        Files.createDirectories(spool);
        MultiPartConfig config = new MultiPartConfig.Builder().location(spool).maxParts(2).maxSize(maxBytes)
                .maxPartSize(maxBytes).maxMemoryPartSize(0).build();
        MultiPartFormData.from(request, request, type, config).whenComplete((parts, failure) -> {
            if (failure != null) {
                Json.error(response, done, HttpStatus.BAD_REQUEST_400, "the upload could not be read (at most "
                        + maxBytes + " bytes, web.max_upload_bytes): " + failure.getMessage());
                return;
            }
            MultiPart.Part bundle = parts.getFirst("bundle");
            MultiPart.Part release = parts.getFirst("release");
            if (bundle == null || release == null) {
                parts.close();
                Json.error(response, done, HttpStatus.BAD_REQUEST_400, "expected two files: bundle (.minnow) and"
                        + " release (.release.json)");
                return;
            }
            install(request, response, done, bundle, release, parts);
        });
        return true;
    }

    private void install(Request request, Response response, OnceCallback done, MultiPart.Part bundle,
            MultiPart.Part release, MultiPartFormData.Parts parts) {
        OtaService o = ota.get();
        LOG.info("update {} uploaded from the web page ({})", bundle.getFileName(), Request.getRemoteAddr(request));
        o.submit(() -> {
            Path bundleFile = null;
            Path releaseFile = null;
            try {
                String id = o.store().newId();
                bundleFile = spool.resolve(id + ".minnow");
                releaseFile = spool.resolve(id + ".release.json");
                bundle.writeTo(bundleFile);
                release.writeTo(releaseFile);
                Attempt a = o.updater().install(id, bundleFile, releaseFile);
                Json.send(response, done, a.outcome() == Attempt.Outcome.REJECTED ? HttpStatus.CONFLICT_409
                        : HttpStatus.OK_200, UpdateHistory.attempt(a));
            } catch (IOException | RuntimeException e) {
                LOG.error("the update uploaded from the web page failed", e);
                Json.error(response, done, HttpStatus.INTERNAL_SERVER_ERROR_500, "the update failed: " + e.getMessage());
            } finally {
                parts.close();
                deleteQuietly(bundleFile);
                deleteQuietly(releaseFile);
            }
        });
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("could not delete the spooled upload {}: {}", file, e.getMessage());
        }
    }
}
