package io.minnow.config;

import java.util.Objects;

/**
 * The whole device configuration, validated. Immutable and thread-safe. Read it with {@link ConfigLoader};
 * {@link ConfigLoader#defaults()} gives the embedded quickstart configuration.
 *
 * @param deviceId this board's id; it names the per-board topics, so it holds only letters, digits,
 *     {@code -} and {@code _}. Without one in the configuration it is derived from the board's serial (see
 *     {@link io.minnow.config.board.BoardIdentity})
 * @param group the fleet group this board belongs to (same characters as the id), for rollouts and status
 */
public record DeviceConfig(String deviceId, MqttConfig mqtt, ModelConfig model, SchedulerConfig scheduler,
        OtaConfig ota,
        WebConfig web,
        String group,
        LoggingConfig logging,
        GpioConfig gpio,
        HealthConfig health) {
    public DeviceConfig {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(mqtt, "mqtt");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(ota, "ota");
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(logging, "logging");
        Objects.requireNonNull(gpio, "gpio");
        Objects.requireNonNull(health, "health");
    }
}
