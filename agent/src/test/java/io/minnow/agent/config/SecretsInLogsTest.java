package io.minnow.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.minnow.agent.Agent;
import io.minnow.agent.testing.FakeGenerator;
import io.minnow.agent.testing.Mosquitto;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.minnow.config.ConfigLoader;
import io.minnow.config.DeviceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A broker password read from a file reaches the broker but no log line, even at debug level. */
class SecretsInLogsTest {

    @Test
    void theBrokerPasswordNeverAppearsInTheLog(@TempDir Path dir) throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "hunter2-secret\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        root.setLevel(Level.DEBUG);
        try (Mosquitto broker = Mosquitto.start(dir)) {
            DeviceConfig c = ConfigLoader.parse("""
                    device_id: sec1
                    mqtt: {broker_url: '%s', username: pump, password_file: %s}
                    web: {enabled: false}
                    """.formatted(broker.url(), pw), "test");
            assertThat(c.mqtt().credentials()).hasValueSatisfying(
                    k -> assertThat(k.password()).isEqualTo("hunter2-secret"));
            Agent agent = Agent.create(c, "test model", () -> new FakeGenerator(1), new SimpleMeterRegistry());
            agent.start();
            LoggerFactory.getLogger(SecretsInLogsTest.class).info("configuration: {}", c);
            agent.stop();
        } finally {
            root.detachAppender(log);
            root.setLevel(before);
        }
        assertThat(log.list).isNotEmpty();
        assertThat(log.list).noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("hunter2-secret"));
    }
}
