package io.minnow.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.agent.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {}

    private static Run minnow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void checkAcceptsAGoodFile() throws Exception {
        Path config = Files.writeString(dir.resolve("agent.yaml"), "device_id: pump-3\ngpio: {led: {pin: 17}}\n");
        Run r = minnow("config", "check", config.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith(config + ": OK (device pump-3, ");
    }

    @Test
    void checkListsEveryProblemWithItsPath() throws Exception {
        Path config = Files.writeString(dir.resolve("agent.yaml"), """
                mqtt: {keep_alive_s: 1}
                health: {hot_c: cold}
                """);
        Run r = minnow("config", "check", config.toString(), "--set", "gpio.button.pin=88");
        assertThat(r.exit()).isEqualTo(ConfigCommand.BAD_CONFIG);
        assertThat(r.err()).contains(config + " has 3 problems")
                .contains("mqtt.keep_alive_s: 1 is not valid; expected an integer from 5 to 3600")
                .contains("gpio.button.pin: 88 is not valid; expected an integer from 0 to 53 (from flag --set)")
                .contains("health.hot_c: \"cold\" is not valid; expected a number from 30 to 120");
    }

    @Test
    void checkRefusesTlsFilesThatDoNotParse() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all\n"
                + "-----END CERTIFICATE-----\n");
        Path config = Files.writeString(dir.resolve("agent.yaml"), """
                mqtt: {broker_url: 'ssl://broker:8883', tls: {ca_file: %s}}
                """.formatted(ca));
        Run r = minnow("config", "check", config.toString());
        assertThat(r.exit()).isEqualTo(ConfigCommand.BAD_CONFIG);
        assertThat(r.err()).contains("mqtt.tls: the files do not make a TLS setup; expected PEM certificates and an"
                + " unencrypted PKCS#8 key (" + ca + " is not a PEM certificate file");
    }

    @Test
    void showPrintsEverySettingWithItsOriginAndMasksSecrets() throws Exception {
        Path pw = Files.writeString(dir.resolve("pw"), "hunter2\n");
        Files.setPosixFilePermissions(pw, PosixFilePermissions.fromString("rw-------"));
        Path config = Files.writeString(dir.resolve("agent.yaml"), """
                device_id: pump-3
                mqtt: {broker_url: 'tcp://b:1883', username: pump, password_file: %s}
                """.formatted(pw));
        Run r = minnow("config", "show", "--config", config.toString(), "--set", "scheduler.workers=2");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).doesNotContain("hunter2")
                .containsPattern("(?m)^device_id = pump-3 +# file " + config + "  \\[MINNOW_DEVICE_ID]$")
                .containsPattern("(?m)^mqtt.password = \\*{8} +# file " + pw + "  \\[MINNOW_MQTT_PASSWORD]$")
                .containsPattern("(?m)^scheduler.workers = 2 +# flag --set  \\[MINNOW_SCHEDULER_WORKERS]$")
                .containsPattern("(?m)^scheduler.queue_size = 64 +# default  \\[MINNOW_SCHEDULER_QUEUE_SIZE]$")
                .containsPattern("(?m)^gpio.led.pin = \\(unset\\) +# default  \\[MINNOW_GPIO_LED_PIN]$");
    }

    @Test
    void showRefusesABadConfiguration() {
        Run r = minnow("config", "show", "--set", "logging.level=loud");
        assertThat(r.exit()).isEqualTo(ConfigCommand.BAD_CONFIG);
        assertThat(r.err()).contains("logging.level: \"loud\" is not valid");
    }
}
