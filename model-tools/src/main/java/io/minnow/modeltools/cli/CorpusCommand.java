package io.minnow.modeltools.cli;

import io.minnow.modeltools.corpus.Corpus;
import io.minnow.modeltools.corpus.CorpusGenerator;
import io.minnow.modeltools.corpus.CorpusSpec;
import io.minnow.modeltools.corpus.ManualParser;
import io.minnow.modeltools.corpus.Phrasings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code model-tools corpus}: writes the default model's training and held-out corpus as JSON lines. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
        description = "Generate the seeded corpus from the device manual (train.jsonl and heldout.jsonl).")
final class CorpusCommand implements Callable<Integer> {

    @Option(names = "--manual", defaultValue = "docs/pump-controller-manual.md", description = "The device manual (Markdown).")
    Path manual;

    @Option(names = "--out", required = true, description = "Directory for train.jsonl and heldout.jsonl.")
    Path out;

    @Option(names = "--scale", defaultValue = "1.0", description = "Scale the default example counts.")
    double scale;



    @picocli.CommandLine.Mixin
    CorpusChoice corpusChoice;

    @Override
    public Integer call() throws Exception {
        CorpusSpec spec = corpusChoice.spec();
        Corpus corpus = new CorpusGenerator(new ManualParser().parse(manual), Phrasings.builtIn())
                .generate(spec.scaled(scale));
        Files.createDirectories(out);
        Corpus.writeJsonl(corpus.train(), out.resolve("train.jsonl"));
        Corpus.writeJsonl(corpus.eval(), out.resolve("heldout.jsonl"));
        System.out.printf("%d training and %d held-out examples in %s%n", corpus.train().size(), corpus.eval().size(), out);
        return 0;
    }
}
