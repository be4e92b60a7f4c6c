package io.minnow.agent.web.page;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.agent.ota.OtaService;
import io.minnow.agent.web.http.Json;
import io.minnow.ota.store.Attempt;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/** The model store's update history as the page shows it: the latest attempts, newest first. Stateless. */
final class UpdateHistory {
    static final int SHOWN = 10;

    private UpdateHistory() {}

    static ObjectNode attempt(Attempt a) {
        ObjectNode n = Json.object().put("id", a.id()).put("kind", a.kind().name().toLowerCase(Locale.ROOT))
                .put("what", a.what()).put("outcome", a.outcome().wireName()).put("message", a.message())
                .put("started", a.started().toEpochMilli());
        a.code().ifPresent(c -> n.put("code", c.wireName()));
        a.release().ifPresent(r -> n.put("release", r));
        return n;
    }

    /** The last {@value #SHOWN} attempts, newest first; empty if the store cannot be read now. */
    static ArrayNode of(OtaService ota) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        try {
            List<Attempt> all = ota.store().history();
            for (int i = all.size() - 1; i >= Math.max(0, all.size() - SHOWN); i--) {
                out.add(attempt(all.get(i)));
            }
        } catch (IOException e) {
            out.addObject().put("error", "the update history cannot be read: " + e.getMessage());
        }
        return out;
    }
}
