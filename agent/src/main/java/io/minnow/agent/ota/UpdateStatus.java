package io.minnow.agent.ota;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minnow.ota.store.Attempt;
import io.minnow.ota.store.StoreState;
import io.minnow.ota.store.StoredRelease;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The {@code ota} object of the retained status (docs/mqtt-api.md): the active and previous releases, whether a
 * health window runs, and the last update attempt with its outcome and reason code. Stateless.
 */
public final class UpdateStatus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpdateStatus() {
    }

    /** {@code status} (a status payload) with the {@code ota} object added. */
    public static byte[] addTo(byte[] status, StoreState state, Optional<Attempt> last) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(status);
            ObjectNode ota = root.putObject("ota");
            release(ota, "active", state.activeRelease());
            release(ota, "previous", state.previousRelease());
            ota.put("health_window", state.inTrial());
            if (last.isPresent()) {
                Attempt a = last.get();
                ObjectNode l = ota.putObject("last_update");
                l.put("id", a.id());
                l.put("kind", a.kind().name().toLowerCase(java.util.Locale.ROOT));
                l.put("outcome", a.outcome().wireName());
                a.release().ifPresent(r -> l.put("release", r));
                a.code().ifPresent(c -> l.put("code", c.wireName()));
                l.put("message", a.message());
                l.put("time", a.ended().orElse(a.started()).toString());
            } else {
                ota.putNull("last_update");
            }
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException("the status payload is JSON by construction", e);
        }
    }

    private static void release(ObjectNode ota, String field, Optional<StoredRelease> r) {
        if (r.isEmpty()) {
            ota.putNull(field);
            return;
        }
        ota.putObject(field).put("release", r.get().release()).put("model", r.get().model())
                .put("version", r.get().version());
    }
}
