package io.minnow.agent.testing;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minnow.agent.Agent;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import io.minnow.runtime.generate.Generator;
import java.util.concurrent.Callable;

/** Builds and starts agents for end-to-end tests. */
public final class TestAgents {
    private TestAgents() {}

    /**
     * Starts an agent for device {@code device} on {@code brokerUrl}; {@code extraYaml} adds top-level
     * sections (model, scheduler) as YAML. Without a {@code web:} section in it the web server stays off:
     * tests must never bind port 8080.
     */
    public static Agent start(String device, String brokerUrl, String mqttVersion, String extraYaml,
            Callable<Generator> model) throws Exception {
        DeviceConfig c = ConfigLoader.parse("""
                device_id: %s
                mqtt:
                  broker_url: %s
                  version: "%s"
                  keep_alive_s: 5
                %s
                %s
                """.formatted(device, brokerUrl, mqttVersion, extraYaml,
                extraYaml.contains("web:") ? "" : "web: {enabled: false}"), "test config");
        Agent agent = Agent.create(c, "test model", model, new SimpleMeterRegistry());
        agent.start();
        return agent;
    }
}
