package io.minnow.agent.web.api;

import io.minnow.agent.web.generate.GenerationJob;
import io.minnow.agent.web.generate.GenerationListener;
import io.minnow.agent.web.generate.Generations;
import io.minnow.agent.web.http.Bodies;
import io.minnow.agent.web.http.Json;
import io.minnow.agent.web.http.OnceCallback;
import io.minnow.agent.web.http.ResponseStream;
import io.minnow.runtime.generate.ErrorCode;
import io.minnow.runtime.generate.GenerationResult;
import io.minnow.runtime.generate.Generator;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /v1/completions} and {@code POST /v1/chat/completions}. The body is read and checked on a
 * Jetty thread, the generation is queued in the agent's scheduler and runs on an inference worker, and the
 * answer is written back asynchronously: whole, or with {@code stream: true} as Server-Sent Events ending in
 * {@code data: [DONE]}. A client that goes away abandons its generation (dropped from the queue, or stopped
 * at the next token). Thread-safe.
 */
public final class CompletionsHandler extends Handler.Abstract {
    private final boolean chat;
    private final Generations generations;
    private final int maxBodyBytes;
    private final Clock wallClock;
    private final SecureRandom random = new SecureRandom();

    /** @param wallClock for the {@code created} field (seconds since the epoch) */
    public CompletionsHandler(boolean chat, Generations generations, int maxBodyBytes, Clock wallClock) {
        this.chat = chat;
        this.generations = generations;
        this.maxBodyBytes = maxBodyBytes;
        this.wallClock = wallClock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        OnceCallback done = new OnceCallback(callback);
        if (!HttpMethod.POST.is(request.getMethod())) {
            new OpenAiError(405, "invalid_request_error", "method_not_allowed", null, "use POST").send(response, done, 0);
            return true;
        }
        String client = request.getAttribute(BearerGate.CLIENT_ATTRIBUTE) instanceof String c ? c : "api";
        Bodies.readObject(request, maxBodyBytes, body -> {
            Optional<Generator> generator = generations.generator();
            if (generator.isEmpty()) {
                OpenAiError.of(ErrorCode.MODEL_UNAVAILABLE, generations.unavailableReason()).send(response, done, 0);
                return;
            }
            OpenAiRequest parsed;
            try {
                parsed = OpenAiRequest.parse(body, chat, generator.get().model());
            } catch (OpenAiRequest.Invalid e) {
                e.error().send(response, done, 0);
                return;
            }
            byte[] idBytes = new byte[12];
            random.nextBytes(idBytes);
            CompletionFormat format = new CompletionFormat(chat, (chat ? "chatcmpl-" : "cmpl-")
                    + HexFormat.of().formatHex(idBytes), wallClock.millis() / 1000, generator.get().model().name());
            Answer answer = new Answer(parsed, format, response, done);
            Generations.Outcome outcome = generations.submit(client, false, parsed.input(), parsed.sampling(), answer);
            if (outcome instanceof Generations.Outcome.NotQueued n) {
                OpenAiError.of(n.refused().code(), n.refused().message())
                        .send(response, done, generations.retryAfterSeconds());
                return;
            }
            GenerationJob job = ((Generations.Outcome.Queued) outcome).job();
            answer.job = job;
            request.addFailureListener(failure -> {
                job.abandon();
                done.failed(failure);
            });
        }, (status, message) -> new OpenAiError(status, "invalid_request_error",
                status == HttpStatus.PAYLOAD_TOO_LARGE_413 ? "request_too_large" : "invalid_body", null, message)
                .send(response, done, 0));
        return true;
    }

    /** Writes one generation's answer, whole or streamed; called on the inference worker. */
    private final class Answer implements GenerationListener {
        private final OpenAiRequest request;
        private final CompletionFormat format;
        private final Response response;
        private final OnceCallback done;
        private final StringBuilder text = new StringBuilder();
        private volatile GenerationJob job;
        private ResponseStream stream;

        Answer(OpenAiRequest request, CompletionFormat format, Response response, OnceCallback done) {
            this.request = request;
            this.format = format;
            this.response = response;
            this.done = done;
        }

        @Override
        public void started() {
            if (!request.stream()) {
                return;
            }
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            response.getHeaders().put("X-Accel-Buffering", "no");
            stream = new ResponseStream(response, done, () -> {
                GenerationJob j = job;
                if (j != null) {
                    j.abandon();
                }
            });
            if (format.opening() != null) {
                event(format.opening());
            }
        }

        @Override
        public void text(String delta) {
            if (stream != null) {
                event(format.delta(delta));
            } else {
                text.append(delta);
            }
        }

        @Override
        public void finished(GenerationResult r, long ttftNanos, long totalNanos) {
            if (stream == null) {
                Json.send(response, done, HttpStatus.OK_200, format.whole(r));
                return;
            }
            event(format.closing(r));
            if (request.includeUsage()) {
                event(format.usageChunk(r));
            }
            stream.end("data: [DONE]\n\n");
        }

        @Override
        public void failed(ErrorCode code, String message) {
            OpenAiError error = OpenAiError.of(code, message);
            if (stream == null) {
                error.send(response, done, generations.retryAfterSeconds());
            } else {
                stream.end("data: " + Json.text(error.body()) + "\n\n");
            }
        }

        private void event(Object chunk) {
            stream.write("data: " + Json.text(chunk) + "\n\n");
        }
    }
}
