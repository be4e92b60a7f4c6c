package io.minnow.agent.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.minnow.agent.testing.Mosquitto;
import io.minnow.agent.testing.Requester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent jar on Raspberry Pi CPUs, emulated by qemu-user: arm64 Java 17 as a Pi 4 (Cortex-A72) and a Pi 5
 * (Cortex-A76) — 128-bit NEON, the JVM's {@code MaxVectorSize = 16} — and armhf Java 17 as a Pi 2 / 32-bit
 * Raspberry Pi OS (Cortex-A7). Each answers one request per template of the default model with the same text
 * as the agent on this machine's JVM. qemu's default arm64 CPU emulates 512-bit SVE, which no Pi has, so the CPU
 * is always named. Correctness only: emulation is about ten times slower than the host.
 *
 * <p>Needs Debian's {@code qemu-user-static}, {@code openjdk-17-jre-headless:arm64} and {@code :armhf};
 * {@code .ci/run} installs them and sets {@code MINNOW_ARM_EMULATION=required}, which turns their absence into
 * a failure instead of a skip.
 */
class RaspberryPiEmulationIT {
    private static final Path JAR = Path.of("target", "minnow.jar");
    private static final Path ARM64_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-arm64/bin/java");
    private static final Path ARMHF_JAVA = Path.of("/usr/lib/jvm/java-17-openjdk-armhf/bin/java");
    private static final Duration START = Duration.ofMinutes(4);
    private static final Duration ANSWER = Duration.ofMinutes(4);

    /** One request per template of the default model, keyed by correlation id. */
    private static final Map<String, String> REQUESTS = new LinkedHashMap<>();

    static {
        REQUESTS.put("error_code", "{\"template\": \"error_code\", \"values\": {\"code\": \"E04\"}}");
        REQUESTS.put("manual", "{\"template\": \"manual\", \"values\": "
                + "{\"question\": \"How often should I do bearing greasing?\"}}");
        REQUESTS.put("status", "{\"template\": \"status\", \"values\": {\"reading\": "
                + "\"pressure=4.1 flow=42 motor_temp=71 vibration=3.0 current=10.4 voltage=230 level=60\"}}");
        REQUESTS.put("log", "{\"template\": \"log\", \"values\": {\"line\": \"strainer cleaned, pressure back to normal\"}}");
    }

    private record Board(String name, List<String> javaCommand, String kernelLine) {}

    @Test
    void theDefaultModelAnswersTheSameOnEmulatedRaspberryPisAsOnThisMachine(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("the agent jar; run through 'mvn verify'").exists();
        boolean required = "required".equals(System.getenv("MINNOW_ARM_EMULATION"));
        boolean available = Files.isExecutable(Path.of("/usr/bin/qemu-aarch64-static"))
                && Files.isExecutable(Path.of("/usr/bin/qemu-arm-static"))
                && Files.isExecutable(ARM64_JAVA) && Files.isExecutable(ARMHF_JAVA);
        if (required) {
            assertThat(available).as("qemu-user-static and openjdk-17-jre-headless:arm64/:armhf are installed "
                    + "(MINNOW_ARM_EMULATION=required)").isTrue();
        }
        Assumptions.assumeTrue(available, "qemu-user-static or the arm64/armhf Java 17 runtimes are not installed");

        List<Board> boards = List.of(
                new Board("pi4-cortex-a72", qemu("qemu-aarch64-static", "cortex-a72", ARM64_JAVA),
                        "Java backend kernels: vector (128-bit floats, 128-bit ints"),
                new Board("pi5-cortex-a76", qemu("qemu-aarch64-static", "cortex-a76", ARM64_JAVA),
                        "Java backend kernels: vector (128-bit floats, 128-bit ints"),
                new Board("pi2-cortex-a7-armhf", qemu("qemu-arm-static", "cortex-a7", ARMHF_JAVA),
                        "Java backend kernels: scalar reference; this JVM does not compile the Vector API"));

        try (Mosquitto broker = Mosquitto.start(Files.createDirectories(dir.resolve("broker")));
                Requester device = new Requester(broker.url(), "pi-check")) {
            Map<String, String> expected;
            try (Running host = Running.start(dir, "host", List.of(javaOfThisJvm()), broker.url())) {
                host.awaitRunning();
                expected = ask(device, host.deviceId);
            }
            assertThat(expected.get("error_code")).startsWith("E04 motor overtemperature");

            // All three at once: each is CPU-bound under emulation, and two cores serve three about as well as
            // one after another, in less wall time.
            List<Running> running = new ArrayList<>();
            try {
                for (Board b : boards) {
                    running.add(Running.start(dir, b.name(), b.javaCommand(), broker.url()));
                }
                for (int i = 0; i < boards.size(); i++) {
                    Running r = running.get(i);
                    r.awaitRunning();
                    assertThat(r.log()).as(boards.get(i).name() + "'s kernel line").contains(boards.get(i).kernelLine());
                    assertThat(ask(device, r.deviceId)).as(boards.get(i).name()).isEqualTo(expected);
                }
            } finally {
                running.forEach(Running::close);
            }
        }
    }

    private static List<String> qemu(String emulator, String cpu, Path java) {
        return List.of(emulator, "-cpu", cpu, "-L", "/", java.toString());
    }

    private static String javaOfThisJvm() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Sends every template request to {@code deviceId} and returns the answers' texts by template. */
    private static Map<String, String> ask(Requester device, String deviceId) throws Exception {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Map.Entry<String, String> r : REQUESTS.entrySet()) {
            device.send("minnow/" + deviceId + "/request", r.getValue(), deviceId + "/" + r.getKey());
        }
        for (String template : REQUESTS.keySet()) {
            JsonNode reply = device.awaitFinal(deviceId + "/" + template, ANSWER);
            assertThat(reply.path("type").asText()).as(deviceId + " " + template + ": " + reply).isEqualTo("final");
            texts.put(template, reply.path("text").asText());
        }
        return texts;
    }

    /** One agent process, Java backend, talking to the test's broker; its output goes to a log file. */
    private static final class Running implements AutoCloseable {
        final String deviceId;
        final Path log;
        final Process process;

        private Running(String deviceId, Path log, Process process) {
            this.deviceId = deviceId;
            this.log = log;
            this.process = process;
        }

        static Running start(Path dir, String deviceId, List<String> java, String brokerUrl) throws IOException {
            Path config = Files.writeString(dir.resolve(deviceId + ".yaml"), """
                    device_id: %s
                    mqtt: {broker_url: "%s"}
                    model: {backend: java, threads: 1}
                    scheduler: {default_deadline_ms: 600000}
                    web: {enabled: false}
                    ota: {state_dir: "%s"}
                    """.formatted(deviceId, brokerUrl, dir.resolve(deviceId + "-state")));
            List<String> command = new ArrayList<>(java);
            command.addAll(List.of("--add-modules=jdk.incubator.vector", "-jar", JAR.toAbsolutePath().toString(),
                    "--config", config.toString()));
            Path log = dir.resolve(deviceId + ".log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Running(deviceId, log, p);
        }

        void awaitRunning() {
            await().atMost(START).pollInterval(Duration.ofSeconds(1)).until(() -> {
                assertThat(process.isAlive()).as(deviceId + " exited early:\n" + log()).isTrue();
                return log().contains("minnow " + deviceId + " running");
            });
        }

        String log() throws IOException {
            return Files.readString(log);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
