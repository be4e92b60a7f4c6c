package io.minnow.modeltools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minnow.runtime.bundle.ChatTemplate;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.testing.TestBundles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChatTemplateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return ModelToolsCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void setsAChatTemplateKeepingModelAndTokenizerThenRemovesIt() throws Exception {
        Path original = TestBundles.writeRandomBundle(dir);
        Path chat = dir.resolve("chat.minnow");
        assertThat(run("chat-template", "--bundle", original.toString(), "--out", chat.toString(),
                "--role", "user=Q: {{content}}\n", "--role", "assistant=A: {{content}}\n", "--generation-prompt", "A:"))
                .as(err.toString()).isZero();
        ModelBundle before = ModelBundle.open(original);
        ModelBundle after = ModelBundle.open(chat);
        LinkedHashMap<String, String> roles = new LinkedHashMap<>();
        roles.put("user", "Q: {{content}}\n");
        roles.put("assistant", "A: {{content}}\n");
        assertThat(after.manifest()).isEqualTo(before.manifest().withChatTemplate(new ChatTemplate("", roles, "A:")));
        assertThat(List.copyOf(after.manifest().chatTemplate().roles().keySet())).containsExactly("user", "assistant");
        assertThat(after.model()).isEqualTo(before.model());
        assertThat(after.tokenizerJson()).isEqualTo(before.tokenizerJson());
        assertThat(out.toString()).contains("chat.minnow", "chat template: roles user, assistant");

        assertThat(run("chat-template", "--bundle", chat.toString(), "--none")).as(err.toString()).isZero();
        assertThat(ModelBundle.open(chat).manifest()).as("in place")
                .isEqualTo(before.manifest().withChatTemplate(null));
        assertThat(ModelBundle.open(chat).manifest().chatTemplate()).isNull();
    }

    @Test
    void refusesARoleWithoutTheContentPlaceholderAndWritesNothing() throws Exception {
        Path original = TestBundles.writeRandomBundle(dir);
        byte[] bytes = Files.readAllBytes(original);
        assertThat(run("chat-template", "--bundle", original.toString(), "--role", "user=Q: {{question}}"))
                .isEqualTo(ModelToolsCli.BAD_INPUT);
        assertThat(err.toString()).contains("chat_template.roles.user", "{{content}}");
        assertThat(Files.readAllBytes(original)).isEqualTo(bytes);
    }
}
