package io.minnow.config;

/** The MQTT protocol version the agent speaks to its broker. */
public enum MqttVersion {
    V5("5"),
    V3_1_1("3.1.1");

    private final String text;

    MqttVersion(String text) {
        this.text = text;
    }

    /** The form used in the configuration file and in logs: {@code 5} or {@code 3.1.1}. */
    public String text() {
        return text;
    }
}
