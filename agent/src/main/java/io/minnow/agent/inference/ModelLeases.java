package io.minnow.agent.inference;

import io.minnow.runtime.generate.Generator;
import java.util.Optional;

/** Hands out leases on the model that serves now ({@link ModelService}); empty when none is loaded. */
@FunctionalInterface
public interface ModelLeases {

    Optional<ModelLease> acquire();

    /** Leases on one generator that is never replaced (tests, tools). */
    static ModelLeases fixed(Generator generator) {
        ModelLease lease = new ModelLease() {
            @Override
            public Generator generator() {
                return generator;
            }

            @Override
            public void close() {
            }
        };
        return () -> Optional.of(lease);
    }
}
