package io.minnow.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the agent logs, and where. Logs go to standard output (the journal, under systemd) and, if
 * {@code file} is set, to that file too.
 *
 * @param level the agent's own loggers ({@code io.minnow})
 * @param librariesLevel every other logger (MQTT client, embedded broker, Jetty, Pi4J)
 * @param file an extra log file; its directory must be writable
 */
public record LoggingConfig(LogLevel level, LogLevel librariesLevel, Optional<Path> file) {
    public LoggingConfig {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(librariesLevel, "librariesLevel");
        Objects.requireNonNull(file, "file");
    }

    static LoggingConfig read(Section s) {
        LogLevel level = s.choice("level", LogLevel.INFO, LoggingConfig::text, LogLevel.class);
        LogLevel libraries = s.choice("libraries_level", LogLevel.WARN, LoggingConfig::text, LogLevel.class);
        Optional<Path> file = s.writableFile("file");
        s.rejectUnknown();
        return new LoggingConfig(level, libraries, file);
    }

    private static String text(LogLevel l) {
        return l.name().toLowerCase(Locale.ROOT);
    }
}
