package io.minnow.agent.web.api;

import io.minnow.agent.web.auth.WebAuth;
import java.util.Optional;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lets {@code /v1/*} requests through only with a bearer token from {@code web.api_tokens}, answering 401 in
 * the OpenAI error shape otherwise; names the token as the request's client for the queue's fairness.
 * Thread-safe.
 */
public final class BearerGate extends Handler.Wrapper {
    /** The request attribute holding the client name ({@code api-token-N}). */
    public static final String CLIENT_ATTRIBUTE = BearerGate.class.getName() + ".client";

    private final WebAuth auth;

    public BearerGate(WebAuth auth, Handler next) {
        super(next);
        this.auth = auth;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<String> client = auth.bearerClient(request);
        if (client.isEmpty()) {
            response.getHeaders().put("WWW-Authenticate", "Bearer");
            new OpenAiError(401, "invalid_request_error", "invalid_api_key", null, auth.hasApiTokens()
                    ? "Incorrect API key provided; send Authorization: Bearer <one of web.api_tokens>"
                    : "no API tokens are configured; add one to web.api_tokens in the agent's configuration")
                    .send(response, callback, 0);
            return true;
        }
        request.setAttribute(CLIENT_ATTRIBUTE, client.get());
        return super.handle(request, response, callback);
    }
}
