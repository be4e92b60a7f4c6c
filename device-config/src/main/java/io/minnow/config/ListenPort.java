package io.minnow.config;

/**
 * A TCP port the agent will listen on, as configured.
 *
 * @param path the setting that names it, like {@code mqtt.embedded_port}
 * @param host the address it binds
 */
public record ListenPort(String path, String host, int port, Origin origin) {}
