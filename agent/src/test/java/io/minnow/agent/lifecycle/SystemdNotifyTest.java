package io.minnow.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real systemd-notify against a datagram socket standing in for systemd's (Python can bind one). */
class SystemdNotifyTest {
    private static final String RECEIVER = """
            import socket, sys
            s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            s.bind(sys.argv[1])
            s.settimeout(20)
            print("bound", flush=True)
            while True:
                d = s.recv(4096).decode()   # plain recv: the barrier's file descriptor is dropped, so it closes
                print(d.replace("\\n", " "), flush=True)
                if "STOPPING=1" in d:
                    break
            """;

    @Test
    void sendsReadyAndStoppingToTheNotifySocket(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-notify")), "systemd-notify is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "/usr/bin/python3 is not installed");
        Path socket = dir.resolve("notify");
        Process receiver = new ProcessBuilder("/usr/bin/python3", "-c", RECEIVER, socket.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(receiver.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("bound");
            SystemdNotify notify = new SystemdNotify(Optional.of(socket.toString()), "systemd-notify");
            notify.ready("running as b1");
            notify.stopping();
            List<String> messages = new ArrayList<>();
            for (String line; (line = out.readLine()) != null; ) {
                messages.add(line);
            }
            assertThat(receiver.waitFor(20, TimeUnit.SECONDS)).isTrue();
            String pid = "MAINPID=" + ProcessHandle.current().pid();
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("READY=1").contains("STATUS=running as b1")
                    .contains(pid));
            assertThat(messages).anySatisfy(m -> assertThat(m).contains("STOPPING=1"));
        } finally {
            receiver.destroyForcibly();
        }
    }

    @Test
    void outsideSystemdNothingIsRun(@TempDir Path dir) throws Exception {
        Path ran = dir.resolve("ran");
        Path fake = Files.writeString(dir.resolve("systemd-notify"), "#!/bin/sh\ntouch " + ran + "\n");
        fake.toFile().setExecutable(true);
        new SystemdNotify(Optional.empty(), fake.toString()).ready("x");
        new SystemdNotify(Optional.of(""), fake.toString()).stopping();
        assertThat(ran).doesNotExist();
        new SystemdNotify(Optional.of(dir.resolve("socket").toString()), fake.toString()).ready("x");
        assertThat(ran).as("the same fake does run under systemd").exists();
    }
}
