package io.minnow.modeltools.cli;

import io.minnow.runtime.bundle.BundleException;
import io.minnow.runtime.bundle.BundleWriter;
import io.minnow.runtime.bundle.GenerationDefaults;
import io.minnow.runtime.bundle.ModelBundle;
import io.minnow.runtime.bundle.ModelManifest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model-tools defaults}: rewrites a bundle's model.json {@code defaults} without retraining or
 * re-exporting, e.g. to make a bundle written before defaults existed decode greedily. The model and
 * tokenizer entries are copied unchanged; the result is checked as any bundle is before it replaces anything.
 */
@Command(name = "defaults", mixinStandardHelpOptions = true,
        description = "Set or remove the generation defaults in a bundle's model.json, keeping its model and tokenizer.")
final class DefaultsCommand implements Callable<Integer> {

    @Option(names = "--bundle", required = true, description = "The .minnow bundle to read.")
    Path bundle;

    @Option(names = "--out", description = "Where to write the result (default: replace --bundle).")
    Path out;

    @ArgGroup(multiplicity = "1")
    Choice choice;

    static final class Choice {
        @Option(names = "--greedy", required = true,
                description = "temperature 0, no top-k/top-p/min-p, no repetition penalty: how model-tools evaluates")
        boolean greedy;

        @Option(names = "--none", required = true, description = "remove the defaults (requests get the runtime's own)")
        boolean none;
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
        ModelManifest manifest = in.manifest().withDefaults(choice.greedy ? GenerationDefaults.GREEDY : null);
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
        w.printf("wrote %s (%s %s), generation defaults: %s%n", target, manifest.name(), manifest.version(),
                choice.greedy ? "greedy" : "none");
        return 0;
    }
}
