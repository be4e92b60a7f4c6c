package io.minnow.modeltools.cli;

import io.minnow.runtime.bundle.BundleException;
import io.minnow.runtime.bundle.BundleWriter;
import io.minnow.runtime.bundle.ChatTemplate;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-tools chat-template}: sets or removes a bundle's model.json {@code chat_template} without
 * retraining, e.g. to let a task model answer chat messages by mapping a user turn onto one of its tasks.
 * The model and tokenizer entries are copied unchanged; the result is checked as any bundle is (every role
 * template must hold exactly {@code {{content}}}) before it replaces anything.
 */
@Command(name = "chat-template", mixinStandardHelpOptions = true,
        description = "Set or remove the chat template in a bundle's model.json, keeping its model and tokenizer.")
final class ChatTemplateCommand implements Callable<Integer> {

    @Option(names = "--bundle", required = true, description = "The .minnow bundle to read.")
    Path bundle;

    @Option(names = "--out", description = "Where to write the result (default: replace --bundle).")
    Path out;

    @ArgGroup(multiplicity = "1")
    Choice choice;

    static final class Choice {
        @ArgGroup(exclusive = false)
        Template template;

        @Option(names = "--none", required = true, description = "remove the chat template (chat requests are refused)")
        boolean none;
    }

    static final class Template {
        @Option(names = "--role", required = true, paramLabel = "ROLE=TEXT", mapFallbackValue = "",
                description = "a role's template with exactly the placeholder {{content}}, in the order given,"
                        + " e.g. 'user=<|manual|>{{content}}<|answer|>'; repeat for each role the model takes")
        LinkedHashMap<String, String> roles;

        @Option(names = "--prefix", description = "text before the first message (default: none)")
        String prefix;

        @Option(names = "--generation-prompt", description = "text that opens the assistant's turn (default: none)")
        String generationPrompt;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        ModelBundle in;
        try {
            in = ModelBundle.open(bundle);
        } catch (BundleException e) {
            throw new IllegalArgumentException("bundle " + bundle + " is unusable: " + e.getMessage(), e);
        }
        // An invalid role template throws InvalidFieldException (an IllegalArgumentException) naming the role.
        ChatTemplate chat = choice.none ? null
                : new ChatTemplate(choice.template.prefix, choice.template.roles, choice.template.generationPrompt);
        ModelManifest manifest = in.manifest().withChatTemplate(chat);
        Path target = out == null ? bundle : out;
        if (target.toAbsolutePath().getParent() != null) {
            Files.createDirectories(target.toAbsolutePath().getParent());
        }
        try {
            BundleWriter.write(target, in.model(), in.tokenizerJson(), manifest);
        } catch (BundleException e) {
            throw new IllegalArgumentException("the rewritten bundle would be unusable: " + e.getMessage(), e);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.printf("wrote %s (%s %s), chat template: %s%n", target, manifest.name(), manifest.version(),
                chat == null ? "none" : "roles " + String.join(", ", chat.roles().keySet()));
        return 0;
    }
}
