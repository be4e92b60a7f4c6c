package io.minnow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

    private static String[] run(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new String[] {Integer.toString(exit), captured.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void refusesToStartWithAnInvalidConfigurationAndNamesEveryBadSetting(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("agent.yaml"), """
                device_id: "bad id"
                scheduler: {queue_size: -1}
                """);
        String[] r = run("--config", config.toString());
        assertThat(r[0]).isEqualTo(Integer.toString(Main.BAD_CONFIG));
        assertThat(r[1]).contains("refusing to start")
                .contains("device_id: \"bad id\" is not valid; expected 1 to 64 letters, digits, '-' or '_'")
                .contains("scheduler.queue_size: -1 is not valid; expected an integer from 1 to 100000");
    }

    @Test
    void refusesToStartWhenTheConfigurationFileIsMissing(@TempDir Path dir) {
        String[] r = run("--config", dir.resolve("none.yaml").toString());
        assertThat(r[0]).isEqualTo(Integer.toString(Main.BAD_CONFIG));
        assertThat(r[1]).contains("none.yaml").contains("does not exist");
    }

    @Test
    void refusesToStartWithABadValueInEachBoardSectionAndNamesItsPath(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("agent.yaml"), """
                group: "line 3"
                logging: {level: chatty}
                gpio: {led: {pin: 17}, button: {pin: 17}}
                health: {interval_s: 0}
                """);
        String[] r = run("--config", config.toString());
        assertThat(r[0]).isEqualTo(Integer.toString(Main.BAD_CONFIG));
        assertThat(r[1]).contains("refusing to start").contains("has 4 problems")
                .contains("group: \"line 3\" is not valid")
                .contains("logging.level: \"chatty\" is not valid")
                .contains("gpio.button.pin: 17 is not valid; expected a pin other than gpio.led.pin's")
                .contains("health.interval_s: 0 is not valid");
    }

    @Test
    void refusesToStartWhenAFlagIsBadAndNamesTheFlag() {
        String[] r = run("--set", "gpio.led.pin=99");
        assertThat(r[0]).isEqualTo(Integer.toString(Main.BAD_CONFIG));
        assertThat(r[1]).contains("gpio.led.pin: 99 is not valid; expected an integer from 0 to 53 (from flag --set)");
    }

    @Test
    void refusesToStartWhenTheEmbeddedBrokersPortIsTaken() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            String[] r = run("--set", "mqtt.embedded_port=" + taken.getLocalPort());
            assertThat(r[0]).isEqualTo(Integer.toString(Main.BAD_CONFIG));
            assertThat(r[1]).contains("mqtt.embedded_port: " + taken.getLocalPort() + " is not valid; expected a port"
                    + " nothing else listens on");
        }
    }
}
