package io.minnow.agent.web.page;

import io.minnow.agent.web.http.Bodies;
import io.minnow.agent.web.http.Json;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code POST /api/chat/stop} with {@code {"id": ...}}: cancels that chat's generation. Thread-safe. */
public final class ChatStopHandler extends Handler.Abstract {
    private final ChatHandler chats;

    public ChatStopHandler(ChatHandler chats) {
        this.chats = chats;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            Json.error(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST");
            return true;
        }
        Bodies.readObject(request, 1024, body -> {
            if (chats.stop(body.path("id").asText())) {
                Json.send(response, callback, HttpStatus.OK_200, Json.object().put("stopped", true));
            } else {
                Json.error(response, callback, HttpStatus.NOT_FOUND_404, "no chat " + body.path("id") + " is running");
            }
        }, (status, message) -> Json.error(response, callback, status, message));
        return true;
    }
}
