package io.minnow.agent.lifecycle;

/**
 * A long-running part of the agent (broker, model, scheduler, MQTT service, later the web page and updates).
 * {@link Lifecycle} starts services in order and stops them in reverse.
 */
public interface Service {

    /** A short name for logs, like {@code mqtt} or {@code scheduler}. */
    String name();

    /** Starts the service; when this returns it is running. Throws if it cannot run. */
    void start() throws Exception;

    /** Stops the service and releases what it holds; returns when it is stopped. Safe to call twice. */
    void stop();
}
