package io.minnow.config;

/** How much the agent logs, most quiet first. */
public enum LogLevel {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE
}
