package io.minnow.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.agent.ModelOpener;
import io.minnow.config.ModelBackend;
import io.minnow.config.ModelConfig;
import io.minnow.runtime.generate.Generator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The mix over the default model: every kind appears, and checked kinds carry the model's own answer. */
class RequestMixTest {
    @Test
    void theDefaultModelsMixHasEveryKindAndCheckedAnswers() throws Exception {
        RequestMix mix;
        try (Generator model = ModelOpener.forConfig(new ModelConfig(Optional.empty(), ModelBackend.AUTO, 1), 1).call()) {
            mix = new RequestMix(model);
        }
        Map<RequestMix.Kind, Integer> seen = new EnumMap<>(RequestMix.Kind.class);
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            RequestMix.Request r = mix.next(random);
            seen.merge(r.kind(), 1, Integer::sum);
            if (r.kind() == RequestMix.Kind.TEMPLATE || r.kind() == RequestMix.Kind.CHAT) {
                assertThat(r.expected()).as(r.fields()).hasValueSatisfying(t -> assertThat(t).isNotBlank());
            }
        }
        assertThat(seen.keySet()).as("the default model has a chat template").containsExactlyInAnyOrder(
                RequestMix.Kind.values());
    }
}
