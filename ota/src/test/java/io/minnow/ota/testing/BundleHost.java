package io.minnow.ota.testing;

import io.minnow.ota.activation.ModelHost;
import io.minnow.ota.verify.ReasonCode;
import io.minnow.ota.verify.UpdateRejected;
import io.minnow.runtime.bundle.BundleException;
import io.minnow.runtime.bundle.ModelBundle;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model host that opens bundles with the runtime but runs no interpreter: enough for the store and updater
 * logic; the agent's tests run the real one. Versions listed in {@link #failingVersions} fail their
 * self-test. Thread-safe enough for one updater.
 */
public final class BundleHost implements ModelHost {
    public final List<String> failingVersions = new ArrayList<>();
    public volatile String serving = "(none)";
    public final List<String> closed = new ArrayList<>();

    @Override
    public Loaded load(Path bundle) throws UpdateRejected {
        ModelBundle b;
        try {
            b = ModelBundle.open(bundle);
        } catch (BundleException e) {
            throw new UpdateRejected(ReasonCode.LOAD_FAILED, e.getMessage());
        }
        String what = b.manifest().name() + " " + b.manifest().version();
        if (failingVersions.contains(b.manifest().version())) {
            throw new UpdateRejected(ReasonCode.SELF_TEST_FAILED, what + " answered wrongly");
        }
        return new Loaded() {
            @Override
            public String describe() {
                return what;
            }

            @Override
            public void discard() {
                closed.add(what);
            }
        };
    }

    @Override
    public void serve(Loaded model) {
        closed.add(serving);
        serving = model.describe();
    }
}
