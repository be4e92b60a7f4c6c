package io.minnow.agent.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.minnow.config.LogLevel;
import io.minnow.config.LoggingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogSetupTest {

    @Test
    void appliesTheLevelsAndAlsoWritesTheLogFile(@TempDir Path dir) throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Logger minnow = context.getLogger("io.minnow");
        Level rootBefore = root.getLevel();
        Level minnowBefore = minnow.getLevel();
        Path file = dir.resolve("agent.log");
        try {
            LogSetup.apply(new LoggingConfig(LogLevel.DEBUG, LogLevel.ERROR, Optional.of(file)));
            assertThat(root.getLevel()).isEqualTo(Level.ERROR);
            assertThat(minnow.getLevel()).isEqualTo(Level.DEBUG);
            LoggerFactory.getLogger("io.minnow.agent.Probe").debug("minnow debug line");
            LoggerFactory.getLogger("org.example.Library").warn("library warning");
            assertThat(Files.readString(file)).contains("minnow debug line").doesNotContain("library warning");
        } finally {
            var appender = root.getAppender("FILE");
            root.detachAppender("FILE");
            if (appender != null) {
                appender.stop();
            }
            root.setLevel(rootBefore);
            minnow.setLevel(minnowBefore);
        }
    }
}
