package io.minnow.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.agent.web.auth.PasswordHasher;
import io.minnow.agent.web.auth.PasswordStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PasswdCommandTest {
    @TempDir
    Path dir;

    private String[] run(String stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int exit = new CommandLine(new Main()).execute(args);
            return new String[] {Integer.toString(exit), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path config(Path state) throws Exception {
        return Files.writeString(dir.resolve("agent.yaml"), "web: {state_dir: \"" + state + "\"}\n");
    }

    @Test
    void setsThePasswordInTheStateDirectoryAndForgetsTheOneTimeOne() throws Exception {
        Path state = dir.resolve("state");
        PasswordStore store = new PasswordStore(state, Optional.empty(), new SecureRandom());
        store.init();
        assertThat(store.mustChange()).isTrue();
        String[] r = run("pump-room-7\n", "passwd", "--stdin", "--config", config(state).toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains(PasswordStore.HASH_FILE);
        assertThat(store.verify("pump-room-7".toCharArray())).isTrue();
        assertThat(store.mustChange()).isFalse();
    }

    @Test
    void refusesAShortPasswordAndChangesNothing() throws Exception {
        Path state = dir.resolve("state");
        String[] r = run("short\n", "passwd", "--stdin", "--config", config(state).toString());
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).contains("expected 8 to 1024");
        assertThat(state.resolve(PasswordStore.HASH_FILE)).doesNotExist();
    }

    @Test
    void printsAHashForTheConfigurationWithoutStoringIt() throws Exception {
        Path state = dir.resolve("state");
        String[] r = run("pump-room-7\n", "passwd", "--stdin", "--print", "--config", config(state).toString());
        assertThat(r[0]).isEqualTo("0");
        assertThat(PasswordHasher.verify("pump-room-7".toCharArray(), r[1].strip())).isTrue();
        assertThat(state).doesNotExist();
    }
}
