package io.minnow.config;

import java.util.Objects;

/**
 * The whole device configuration, validated. Immutable and thread-safe. Read it with {@link ConfigLoader};
 * {@link ConfigLoader#defaults()} gives the embedded quickstart configuration.
 *
 * @param deviceId this board's id; it names the per-board topics, so it holds only letters, digits,
 *     {@code -} and {@code _}
 */
public record DeviceConfig(String deviceId, MqttConfig mqtt, ModelConfig model, SchedulerConfig scheduler,
        OtaConfig ota, WebConfig web) {
    public DeviceConfig {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(ota, "ota");
        Objects.requireNonNull(web, "web");
    }
}
