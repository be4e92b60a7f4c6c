package io.minnow.agent.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.minnow.config.LoggingConfig;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code logging} section to Logback: the agent's level, every other logger's level, and the
 * optional log file beside standard error. Call once at start, before the agent's parts log.
 */
public final class LogSetup {
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

    private LogSetup() {}

    public static void apply(LoggingConfig c) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another SLF4J binding (a test classpath): its own configuration rules
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level(c.librariesLevel()));
        context.getLogger("io.minnow").setLevel(level(c.level()));
        c.file().ifPresent(file -> {
            PatternLayoutEncoder encoder = new PatternLayoutEncoder();
            encoder.setContext(context);
            encoder.setPattern(PATTERN);
            encoder.start();
            FileAppender<ILoggingEvent> appender = new FileAppender<>();
            appender.setContext(context);
            appender.setName("FILE");
            appender.setFile(file.toString());
            appender.setAppend(true);
            appender.setEncoder(encoder);
            appender.start();
            context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        });
    }

    private static Level level(io.minnow.config.LogLevel l) {
        return Level.toLevel(l.name());
    }
}
