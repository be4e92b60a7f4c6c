package io.minnow.agent.mqtt;

/** The broker could not be reached or refused an operation; the message says which and why. */
public final class MqttLinkException extends Exception {
    private static final long serialVersionUID = 1L;

    public MqttLinkException(String message, Throwable cause) {
        super(message, cause);
    }
}
